import Foundation
import SigV4

/// One single-part change of a validly signed request, which a verifier must reject. Generated from the
/// request itself, never hand-listed: every query parameter, every signed header, the method, the path,
/// the body, the date, each scope element, the signature, the secret, the region set, and time itself.
struct Tampering {
    var label: String
    var request: SigV4Request
    var verifier: Verifier
    var now: AmzDate

    static func all(of signed: SigV4Request, case c: SuiteCase, mode: SuiteCase.Mode) -> [Tampering] {
        let verifier = c.verifier
        let now = c.context.timestamp
        var out: [Tampering] = []
        func add(_ label: String, _ change: (inout SigV4Request) -> Void) {
            var r = signed
            change(&r)
            if r != signed { out.append(Tampering(label: label, request: r, verifier: verifier, now: now)) }
        }

        add("method") { $0.method = $0.method == "GET" ? "POST" : "GET" }
        add("path") { $0.path += $0.path.hasSuffix("/") ? "x" : "/x" }
        add("body") { $0.body += Array("x".utf8) }
        add("added query parameter") { $0.query = $0.query.isEmpty ? "Tampered=1" : $0.query + "&Tampered=1" }
        let pieces = signed.query.split(separator: "&", omittingEmptySubsequences: false).map(String.init)
        for (i, piece) in pieces.enumerated() where !piece.isEmpty {
            add("query parameter \(piece.prefix(while: { $0 != "=" }))") { r in
                var changed = pieces
                changed[i] = piece.contains("=") ? piece + "0" : piece + "=0"
                r.query = changed.joined(separator: "&")
            }
        }

        let parameters = try? SignatureParameters.parse(signed)
        for name in parameters?.signedHeaders ?? [] {
            guard let index = signed.headers.firstIndex(where: { $0.name.lowercased() == name }) else { continue }
            add("signed header \(name)") { $0.headers[index].value += "0" }
        }
        if mode == .header {
            add("X-Amz-Date one second later") { r in
                if let d = r.header("X-Amz-Date").flatMap(AmzDate.init(amzFormat:)) {
                    r.setHeader("X-Amz-Date", d.adding(seconds: 1).amzFormat)
                }
            }
            for element in ["date", "region", "service", "terminator"] {
                add("credential scope \(element)") { r in
                    if let auth = r.header("Authorization") { r.setHeader("Authorization", changeScope(auth, element, c)) }
                }
            }
            add("signature") { r in
                if let auth = r.header("Authorization") { r.setHeader("Authorization", flipLastHexDigit(auth)) }
            }
            add("region set") { r in if r.header("X-Amz-Region-Set") != nil { r.setHeader("X-Amz-Region-Set", "eu-west-1") } }
        }

        var wrongSecret = verifier
        wrongSecret.secretLookup = { _ in "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEX" }
        wrongSecret.keyCache = SigningKeyCache()
        out.append(Tampering(label: "wrong secret", request: signed, verifier: wrongSecret, now: now))

        let late: Int64
        switch mode {
        case .header: late = verifier.clockSkew + 1
        case .query: late = Int64(c.context.expires) + 1
        }
        out.append(Tampering(label: "verified \(late) s too late", request: signed, verifier: verifier, now: now.adding(seconds: late)))
        out.append(Tampering(
            label: "verified \(verifier.clockSkew + 1) s too early", request: signed, verifier: verifier,
            now: now.adding(seconds: -(verifier.clockSkew + 1))))

        // A -normalized/-unnormalized pair shares one wire request: a verifier accepts exactly one of the pair.
        let pathChangesUnderNormalization = URIEncodingProbe.normalizationMatters(signed.path)
        if pathChangesUnderNormalization {
            var other = verifier
            var options = c.context.verifierOptions
            options.normalizePath.toggle()
            other.options = options
            out.append(Tampering(label: "other path normalization policy", request: signed, verifier: other, now: now))
        }
        return out
    }

    /// Changes one element of the credential scope inside an `Authorization` value.
    static func changeScope(_ authorization: String, _ element: String, _ c: SuiteCase) -> String {
        guard let start = authorization.range(of: "Credential=") else { return authorization }
        let rest = authorization[start.upperBound...]
        let end = rest.firstIndex(of: ",") ?? rest.endIndex
        var parts = rest[..<end].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let v4a = c.set == .v4a
        switch element {
        case "date": parts[1] = parts[1] == "20150831" ? "20150901" : "20150831"
        case "region": if v4a { return authorization } else { parts[2] = "eu-west-1" }
        case "service": parts[v4a ? 2 : 3] += "x"
        default: parts[parts.count - 1] = "aws4_requesx"
        }
        return authorization.replacingCharacters(in: start.upperBound..<end, with: parts.joined(separator: "/"))
    }

    static func flipLastHexDigit(_ authorization: String) -> String {
        guard let last = authorization.last else { return authorization }
        return String(authorization.dropLast()) + (last == "0" ? "1" : "0")
    }
}

/// Whether path normalization changes a path at all (else both policies sign alike).
enum URIEncodingProbe {
    static func normalizationMatters(_ path: String) -> Bool {
        let normalized = Signer(
            credentials: Credentials(accessKeyID: "a", secretAccessKey: "b"), region: "r", service: "s",
            options: SigningOptions(normalizePath: true))
        let raw = Signer(
            credentials: Credentials(accessKeyID: "a", secretAccessKey: "b"), region: "r", service: "s",
            options: SigningOptions(normalizePath: false))
        let request = SigV4Request(method: "GET", path: path, headers: [HTTPHeader("Host", "h")])
        let date = AmzDate(secondsSince1970: 0)
        return (try? normalized.sign(request, at: date).canonicalRequest) != (try? raw.sign(request, at: date).canonicalRequest)
    }
}
