import RoleplayCrypto
import SigV4
import Testing

/// A request shaped like the emulator's traffic, and how to sign it.
struct RoundTripCase: Sendable, CustomTestStringConvertible {
    enum Placement: Sendable { case header, presigned(expires: Int) }

    let name: String
    let request: SigV4Request
    var credentials = Fixture.longTerm
    var region = "us-east-1"
    let service: String
    var algorithm = SigningAlgorithm.hmacSHA256
    var placement = Placement.header
    var options: SigningOptions? = nil

    var testDescription: String {
        let mode =
            switch placement {
            case .header: "header"
            case .presigned(let expires): "presigned \(expires) s"
            }
        return "\(name) [\(algorithm == .hmacSHA256 ? "SigV4" : "SigV4a"), \(mode)]"
    }

    func sign() throws -> SignedRequest {
        let signer = Signer(
            credentials: credentials, region: region, service: service, algorithm: algorithm, options: options)
        switch placement {
        case .header: return try signer.sign(request, at: Fixture.now)
        case .presigned(let expires): return try signer.presign(request, at: Fixture.now, expires: expires)
        }
    }

    static let all: [RoundTripCase] = {
        var tokenAfterSigning = SigningOptions()
        tokenAfterSigning.signSessionToken = false
        var s3ContentHash = SigningOptions.forService("s3")
        s3ContentHash.addContentSHA256Header = true
        return [
            RoundTripCase(
                name: "STS AssumeRole form POST with External ID", request: Fixture.stsAssumeRole, service: "sts"),
            RoundTripCase(
                name: "STS AssumeRole with a session token", request: Fixture.stsAssumeRole,
                credentials: Fixture.temporary,
                service: "sts"),
            RoundTripCase(
                name: "STS GetCallerIdentity, token added after signing", request: Fixture.stsGetCallerIdentity,
                credentials: Fixture.temporary, service: "sts", options: tokenAfterSigning),
            RoundTripCase(name: "IAM ListRoles query GET", request: Fixture.iamListRoles, service: "iam"),
            RoundTripCase(
                name: "Bedrock InvokeModel, %3A in the model ID", request: Fixture.bedrockInvoke, service: "bedrock"),
            RoundTripCase(
                name: "Bedrock Converse on an ARN, %3A and %2F", request: Fixture.bedrockConverseARN,
                credentials: Fixture.temporary, service: "bedrock"),
            RoundTripCase(
                name: "Bedrock ListFoundationModels GET", request: Fixture.bedrockListModels, service: "bedrock"),
            RoundTripCase(
                name: "CloudTrail LookupEvents JSON 1.1", request: Fixture.cloudTrailLookup, service: "cloudtrail"),
            RoundTripCase(
                name: "percent-encoded unicode path and query", request: Fixture.unicodeEncoded, service: "execute-api"),
            RoundTripCase(name: "raw unicode path and query", request: Fixture.unicodeRaw, service: "execute-api"),
            RoundTripCase(
                name: "presigned STS GetCallerIdentity", request: Fixture.stsGetCallerIdentity, service: "sts",
                placement: .presigned(expires: 900)),
            RoundTripCase(
                name: "presigned GetCallerIdentity with a session token", request: Fixture.stsGetCallerIdentity,
                credentials: Fixture.temporary, service: "sts", placement: .presigned(expires: 3600)),
            RoundTripCase(
                name: "SigV4a Bedrock InvokeModel, region set *", request: Fixture.bedrockInvoke, region: "*",
                service: "bedrock", algorithm: .ecdsaP256SHA256),
            RoundTripCase(
                name: "SigV4a presigned, two regions", request: Fixture.stsGetCallerIdentity,
                region: "us-east-1,us-west-2",
                service: "sts", algorithm: .ecdsaP256SHA256, placement: .presigned(expires: 300)),
            RoundTripCase(
                name: "S3 rules with x-amz-content-sha256 signed",
                request: SigV4Request(
                    method: "PUT", path: "/bucket/reports/2025%20Q1.json",
                    headers: [
                        HTTPHeader("Host", "s3.us-east-1.amazonaws.com"),
                        HTTPHeader("Content-Type", "application/json"),
                    ],
                    body: Array(#"{"q":1}"#.utf8)),
                service: "s3", options: s3ContentHash),
        ]
    }()
}

/// One byte of one signed part of a request, changed.
struct ByteChange: CustomStringConvertible {
    let description: String
    let request: SigV4Request
}

extension ByteChange {
    /// Replacement bytes for text parts: letters that are not hex digits and not whitespace, so no change can be
    /// undone by canonicalization (a case change inside `%2f`, trimmed or collapsed spaces).
    static let letters = Array("ghijklmnopqrstuvwxyz".utf8)

    /// Every single-byte change of the method, path, query, each signed header value and the body.
    static func all(of signed: SigV4Request, signedHeaders: [String], bodyCovered: Bool) -> [ByteChange] {
        var out: [ByteChange] = []
        func text(_ label: String, _ value: String, _ rebuild: (inout SigV4Request, String) -> Void) {
            let original = Array(value.utf8)
            for i in original.indices {
                var changed = original
                let pick = letters[i % letters.count]
                changed[i] = pick != original[i] ? pick : letters[(i + 1) % letters.count]
                var r = signed
                rebuild(&r, String(decoding: changed, as: UTF8.self))
                out.append(
                    ByteChange(
                        description:
                            "\(label) byte \(i) '\(Character(Unicode.Scalar(original[i])))'→'\(Character(Unicode.Scalar(changed[i])))'",
                        request: r))
            }
        }
        text("method", signed.method) { $0.method = $1 }
        text("path", signed.path) { $0.path = $1 }
        text("query", signed.query) { $0.query = $1 }
        for (index, header) in signed.headers.enumerated() where signedHeaders.contains(header.name.lowercased()) {
            text("header \(header.name)", header.value) { $0.headers[index].value = $1 }
        }
        if bodyCovered {
            // Every byte of a small body; of a large one, 256 positions spread evenly, first and last included.
            let n = signed.body.count
            let positions = n <= 256 ? Array(0..<n) : Array(Set((0..<256).map { $0 * (n - 1) / 255 })).sorted()
            for i in positions {
                var r = signed
                r.body[i] ^= 0x01
                out.append(ByteChange(description: "body byte \(i)", request: r))
            }
        }
        return out
    }
}

@Suite("Round trips: what we sign verifies, and fails after any one byte changes")
struct RoundTripTests {
    @Test("sign, then verify: accepted, with the signer's parameters", arguments: RoundTripCase.all)
    func signThenVerify(_ c: RoundTripCase) throws {
        let signed = try c.sign()
        let verdict = Fixture.verifier().verify(signed.request, now: Fixture.now)
        guard case .valid(let parameters) = verdict else {
            Issue.record("rejected: \(verdict)\nsigner's canonical request:\n\(signed.canonicalRequest)")
            return
        }
        #expect(parameters.accessKeyID == c.credentials.accessKeyID)
        #expect(parameters.scope == signed.scope)
        #expect(parameters.algorithm == c.algorithm)
        #expect(parameters.signedHeaders.joined(separator: ";") == signed.canonical.signedHeaders)
        #expect(parameters.sessionToken == c.credentials.sessionToken)
        if c.algorithm == .ecdsaP256SHA256 { #expect(parameters.regionSet == c.region) }
    }

    @Test("the signed request survives being written as text and read back", arguments: RoundTripCase.all)
    func rawTextRoundTrip(_ c: RoundTripCase) throws {
        let signed = try c.sign()
        for lineEnd in ["\n", "\r\n"] {
            let reread = try RawHTTPRequest.parse(RawHTTPRequest.serialize(signed.request, lineEnd: lineEnd))
            #expect(reread == signed.request)
            guard case .valid = Fixture.verifier().verify(reread, now: Fixture.now) else {
                Issue.record("re-read request rejected (line end \(lineEnd.debugDescription))")
                continue
            }
        }
    }

    @Test("changing any one byte of a signed part is rejected", arguments: RoundTripCase.all)
    func singleByteChanges(_ c: RoundTripCase) throws {
        let signed = try c.sign()
        let parameters = try SignatureParameters.parse(signed.request)
        let bodyCovered = signed.canonical.payloadHash != "UNSIGNED-PAYLOAD"
        let changes = ByteChange.all(
            of: signed.request, signedHeaders: parameters.signedHeaders, bodyCovered: bodyCovered)
        #expect(changes.count >= signed.request.method.utf8.count + signed.request.path.utf8.count)
        let verifier = Fixture.verifier()  // one key cache for all the changes
        var accepted: [String] = []
        for change in changes {
            if case .valid = verifier.verify(change.request, now: Fixture.now) { accepted.append(change.description) }
        }
        #expect(
            accepted.isEmpty,
            "accepted after \(accepted.count) of \(changes.count) changes:\n\(accepted.prefix(20).joined(separator: "\n"))"
        )
    }

    @Test("removing any signed header, or moving the date by a second, is rejected", arguments: RoundTripCase.all)
    func removedHeadersAndShiftedDate(_ c: RoundTripCase) throws {
        let signed = try c.sign()
        let parameters = try SignatureParameters.parse(signed.request)
        let verifier = Fixture.verifier()
        for name in parameters.signedHeaders {
            let verdict = verifier.verify(signed.request.removing(name), now: Fixture.now)
            if case .valid = verdict { Issue.record("accepted without \(name)") }
        }
        let later = Fixture.now.adding(seconds: 1).amzFormat
        let shifted =
            signed.request.header("X-Amz-Date") != nil
            ? signed.request.setting("X-Amz-Date", later)
            : signed.request.replacingQuery("X-Amz-Date", with: later)
        if case .valid = verifier.verify(shifted, now: Fixture.now) {
            Issue.record("accepted with X-Amz-Date one second later")
        }
    }

    @Test("changes that canonicalization undoes are still accepted", arguments: RoundTripCase.all)
    func equivalentChanges(_ c: RoundTripCase) throws {
        let signed = try c.sign()
        let parameters = try SignatureParameters.parse(signed.request)
        var r = signed.request
        for i in r.headers.indices where parameters.signedHeaders.contains(r.headers[i].name.lowercased()) {
            r.headers[i].name = r.headers[i].name.uppercased()  // header names are case-insensitive
            // Inner whitespace runs collapse to one space. (Surrounding whitespace is HTTP's optional whitespace,
            // which the HTTP parser strips before SigV4 sees the value.)
            r.headers[i].value = r.headers[i].value.split(separator: " ", omittingEmptySubsequences: false)
                .joined(separator: " \t ")
        }
        r.headers.append(HTTPHeader("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678"))  // unsigned
        r.headers.insert(HTTPHeader("amz-sdk-invocation-id", "3f1a"), at: 0)  // not in SignedHeaders
        let verdict = Fixture.verifier().verify(r, now: Fixture.now)
        guard case .valid = verdict else {
            Issue.record("rejected: \(verdict)")
            return
        }
    }
}
