public import Foundation
public import SigV4

/// Our own SigV4 vectors: SDK-shaped requests signed by botocore, an independent implementation
/// (`vectors/sigv4/botocore-vectors.json`, made by `vectors/sigv4/generate.py`; schema in its README).
public struct BotocoreVector: Sendable, CustomStringConvertible {
    public var name: String
    public var mode: SuiteCase.Mode
    public var credentials: Credentials
    public var region: String
    public var service: String
    public var timestamp: AmzDate
    public var expires: Int?
    public var unsignedPayload: Bool
    /// The request handed to botocore's signer.
    public var request: SigV4Request
    public var canonicalRequest: String
    public var stringToSign: String
    public var signature: String
    /// The request botocore produced.
    public var signedRequest: SigV4Request

    public var description: String { "botocore/\(name)" }

    /// The file's one-line provenance and its cases.
    public static func load(_ file: URL) throws -> (source: String, cases: [BotocoreVector]) {
        guard let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any],
            let source = json["source"] as? String, let cases = json["cases"] as? [[String: Any]]
        else { throw SuiteReader.ReadError(description: "\(file.path): not a botocore vector file") }
        return (source, try cases.map(parse))
    }

    static func parse(_ c: [String: Any]) throws -> BotocoreVector {
        let name = c["name"] as? String ?? "?"
        func fail() -> SuiteReader.ReadError { .init(description: "botocore vector \(name) is incomplete") }
        guard let creds = c["credentials"] as? [String: Any], let akid = creds["access_key_id"] as? String,
            let secret = creds["secret_access_key"] as? String, let modeText = c["mode"] as? String,
            let mode = SuiteCase.Mode(rawValue: modeText), let region = c["region"] as? String,
            let service = c["service"] as? String,
            let timestamp = (c["timestamp"] as? String).flatMap(AmzDate.init(amzFormat:)),
            let request = (c["request"] as? [String: Any]).flatMap(wireRequest),
            let signed = (c["signed_request"] as? [String: Any]).flatMap({ wireRequest($0, method: request.method) }),
            let canonical = c["canonical_request"] as? String, let sts = c["string_to_sign"] as? String,
            let signature = c["signature"] as? String
        else { throw fail() }
        return BotocoreVector(
            name: name, mode: mode,
            credentials: Credentials(accessKeyID: akid, secretAccessKey: secret, sessionToken: creds["session_token"] as? String),
            region: region, service: service, timestamp: timestamp, expires: c["expires"] as? Int,
            unsignedPayload: c["unsigned_payload"] as? Bool ?? false, request: request, canonicalRequest: canonical,
            stringToSign: sts, signature: signature, signedRequest: signed)
    }

    static func wireRequest(_ r: [String: Any]) -> SigV4Request? { wireRequest(r, method: nil) }

    static func wireRequest(_ r: [String: Any], method: String?) -> SigV4Request? {
        guard let m = (r["method"] as? String) ?? method, let path = r["path"] as? String,
            let headers = r["headers"] as? [[String]], let body = Data(base64Encoded: r["body_base64"] as? String ?? "")
        else { return nil }
        return SigV4Request(
            method: m, path: path, query: r["query"] as? String ?? "",
            headers: headers.compactMap { $0.count == 2 ? HTTPHeader($0[0], $0[1]) : nil }, body: Array(body))
    }

    var options: SigningOptions {
        var o = SigningOptions.forService(service)
        if unsignedPayload {
            o.payload = .unsigned
            o.addContentSHA256Header = mode == .header
        }
        return o
    }

    /// What botocore signed in query mode: its presigner first rewrites the request (a form body moves into
    /// the query, the form content type is dropped), so the input is the published URL minus the `X-Amz-*`
    /// authentication parameters, with no body.
    var requestAsSigned: SigV4Request {
        guard mode == .query else { return request }
        var r = signedRequest
        r.query = r.query.split(separator: "&").filter { piece in
            !Self.authParameters.contains(where: { piece.hasPrefix("\($0)=") })
        }.joined(separator: "&")
        return r
    }

    static let authParameters = [
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
        "X-Amz-Security-Token", "X-Amz-Signature",
    ]

    // MARK: Checks

    /// Our signer reproduces botocore's canonical request, string to sign, signature and signed request.
    public func signerFailures() -> [String] {
        let signer = Signer(credentials: credentials, region: region, service: service, options: options)
        let signed: SignedRequest
        do {
            switch mode {
            case .header: signed = try signer.sign(request, at: timestamp)
            case .query: signed = try signer.presign(requestAsSigned, at: timestamp, expires: expires ?? 3600)
            }
        } catch {
            return ["signing failed: \(error)"]
        }
        var failures: [String] = []
        if signed.canonicalRequest != canonicalRequest {
            failures.append("canonical request differs:\n--- botocore\n\(canonicalRequest)\n--- ours\n\(signed.canonicalRequest)")
        }
        if signed.stringToSign != stringToSign {
            failures.append("string to sign differs:\n--- botocore\n\(stringToSign)\n--- ours\n\(signed.stringToSign)")
        }
        if signed.signature != signature { failures.append("signature: botocore \(signature), ours \(signed.signature)") }
        failures += SignedRequestComparison.differences(expected: signedRequest, actual: signed.request, ignoringSignature: false)
        return failures
    }

    /// Our verifier accepts botocore's signed request at its time, and rejects it with the wrong secret.
    public func verifierFailures() -> [String] {
        let secret = credentials.secretAccessKey
        let id = credentials.accessKeyID
        var verifier = Verifier(clockSkew: 900, options: options) { $0 == id ? secret : nil }
        if unsignedPayload { verifier.options?.payload = .unsigned }
        var failures: [String] = []
        if case .invalid(let failure) = verifier.verify(signedRequest, now: timestamp) {
            failures.append("rejected botocore's signed request: \(failure)")
        }
        var wrong = verifier
        wrong.secretLookup = { $0 == id ? secret + "x" : nil }
        wrong.keyCache = SigningKeyCache()
        if case .valid = wrong.verify(signedRequest, now: timestamp) { failures.append("accepted with a wrong secret") }
        return failures
    }
}
