import TestSupport
import Foundation
import RoleplayCrypto
import SigV4
import Testing

/// A malformed or unacceptable request, and the exact failure the verifier must answer with.
struct RejectionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let request: SigV4Request
    var now: AmzDate = Fixture.now
    var clockSkew: Int64 = 900
    /// The secret the verifier holds for every key, instead of the fixture's (a wrong-secret case).
    var secretOverride: String? = nil
    let expected: AuthFailure

    var testDescription: String { name }

    func verify() -> Verifier.Verdict {
        var verifier = Fixture.verifier(clockSkew: clockSkew)
        if let secretOverride { verifier.secretLookup = { _ in secretOverride } }
        return verifier.verify(request, now: now)
    }
}

/// Code, HTTP status and message as one comparable value.
struct WireError: Equatable, CustomStringConvertible {
    let code: String
    let status: Int
    let message: String
    var description: String { "\(code) \(status) \(message)" }
}

enum Messages {
    static let needCredential = "Authorization header requires 'Credential' parameter."
    static let needSignature = "Authorization header requires 'Signature' parameter."
    static let needSignedHeaders = "Authorization header requires 'SignedHeaders' parameter."
    static let needDate = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
    static let mismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
        + "Key and signing method. Consult the service documentation for details."
    static let invalidToken = "The security token included in the request is invalid."

    static func queryMissing(_ names: String...) -> String {
        names.map { "AWS query-string parameters must include '\($0)'." }.joined(separator: " ")
            + " Re-examine the query-string parameters."
    }

    /// What aws-wire-facts §2.4 says each protocol answers for `failure` (code, HTTP status, message).
    static func wire(_ failure: AuthFailure, _ p: AuthFailure.WireProtocol) -> WireError {
        func pick(_ query: (String, Int), _ json: (String, Int), _ rest: (String, Int), _ message: String) -> WireError
        {
            let (code, status) = p == .query ? query : p == .json ? json : rest
            return WireError(code: code, status: status, message: message)
        }
        switch failure {
        case .missingAuthentication:
            return p == .query
                ? WireError(
                    code: "MissingAuthenticationToken", status: 403, message: "Request is missing Authentication Token")
                : WireError(
                    code: "MissingAuthenticationTokenException", status: p == .json ? 400 : 403,
                    message: "Missing Authentication Token")
        case .incompleteSignature(let message):
            return pick(
                ("IncompleteSignature", 400), ("IncompleteSignatureException", 400),
                ("IncompleteSignatureException", 403),
                message)
        case .unknownAccessKey:
            return pick(
                ("InvalidClientTokenId", 403), ("UnrecognizedClientException", 400),
                ("UnrecognizedClientException", 403),
                invalidToken)
        case .signatureMismatch:
            return pick(
                ("SignatureDoesNotMatch", 403), ("InvalidSignatureException", 400), ("InvalidSignatureException", 403),
                mismatch)
        case .signatureRejected(let message):
            return pick(
                ("SignatureDoesNotMatch", 403), ("InvalidSignatureException", 400), ("InvalidSignatureException", 403),
                message)
        case .expiredToken:
            return pick(
                ("ExpiredToken", 403), ("ExpiredTokenException", 400), ("ExpiredTokenException", 403),
                "The security token included in the request is expired")
        }
    }
}

extension RejectionCase {
    // MARK: Header-signed cases

    static func headerCases() throws -> [RejectionCase] {
        let signed = try Signer(credentials: Fixture.longTerm, region: "us-east-1", service: "sts")
            .sign(Fixture.stsAssumeRole, at: Fixture.now)
        let r = signed.request
        let auth = try unwrap(signed.authorizationHeader, "the Authorization header")
        let sig = signed.signature
        let credential = "AKIAIOSFODNN7EXAMPLE/20250115/us-east-1/sts/aws4_request"
        let signedHeaders = "content-type;host;x-amz-date"
        guard auth == "AWS4-HMAC-SHA256 Credential=\(credential), SignedHeaders=\(signedHeaders), Signature=\(sig)"
        else {
            throw FixtureError("the base request is not signed as these cases assume: \(auth)")
        }

        func header(_ parts: String..., algorithm: String = "AWS4-HMAC-SHA256") -> String {
            "\(algorithm) " + parts.joined(separator: ", ")
        }
        func incomplete(_ missing: [String], _ value: String) -> AuthFailure {
            .incompleteSignature((missing + ["Authorization=\(value)"]).joined(separator: " "))
        }
        let noCredential = header("SignedHeaders=\(signedHeaders)", "Signature=\(sig)")
        let noSignature = header("Credential=\(credential)", "SignedHeaders=\(signedHeaders)")
        let noSignedHeaders = header("Credential=\(credential)", "Signature=\(sig)")
        let onlySignedHeaders = header("SignedHeaders=\(signedHeaders)")
        let fourParts = "AKIAIOSFODNN7EXAMPLE/20250115/us-east-1/aws4_request"
        let sixParts = "AKIAIOSFODNN7EXAMPLE/20250115/us-east-1/sts/extra/aws4_request"
        let sha1 = header(
            "Credential=\(credential)", "SignedHeaders=\(signedHeaders)", "Signature=\(sig)",
            algorithm: "AWS4-HMAC-SHA1")
        let lowercaseAlgorithm = auth.replacingOccurrences(of: "AWS4-HMAC-SHA256", with: "aws4-hmac-sha256")
        let wrongSignature = auth.replacingOccurrences(of: sig, with: String(repeating: "0", count: 64))
        let mismatch = AuthFailure.signatureMismatch(
            canonicalRequest: signed.canonicalRequest, stringToSign: signed.stringToSign)

        let unknown = try Signer(
            credentials: Credentials(accessKeyID: Fixture.unknownAccessKeyID, secretAccessKey: "x"),
            region: "us-east-1",
            service: "sts"
        ).sign(Fixture.stsAssumeRole, at: Fixture.now)

        var contentHashOptions = SigningOptions()
        contentHashOptions.addContentSHA256Header = true
        var swappedBody = try Signer(
            credentials: Fixture.longTerm, region: "us-east-1", service: "cloudtrail", options: contentHashOptions
        ).sign(Fixture.cloudTrailLookup, at: Fixture.now).request
        swappedBody.body = Array(#"{"MaxResults":50}"#.utf8)

        let sigV4a = try Signer(
            credentials: Fixture.longTerm, region: "*", service: "bedrock", algorithm: .ecdsaP256SHA256
        ).sign(Fixture.bedrockInvoke, at: Fixture.now).request
        let sigV4aAuth = try unwrap(sigV4a.header("Authorization"), "the SigV4a Authorization header")
        let sigV4aWithRegion = sigV4aAuth.replacingOccurrences(
            of: "/20250115/bedrock/", with: "/20250115/us-east-1/bedrock/")

        return [
            RejectionCase(
                name: "no Authorization header and no presigned query", request: r.removing("Authorization"),
                expected: .missingAuthentication),
            RejectionCase(
                name: "an empty Authorization header", request: r.setting("Authorization", ""),
                expected: incomplete([Messages.needCredential, Messages.needSignature, Messages.needSignedHeaders], "")),
            RejectionCase(
                name: "Authorization without Credential", request: r.setting("Authorization", noCredential),
                expected: incomplete([Messages.needCredential], noCredential)),
            RejectionCase(
                name: "Authorization without Signature", request: r.setting("Authorization", noSignature),
                expected: incomplete([Messages.needSignature], noSignature)),
            RejectionCase(
                name: "Authorization without SignedHeaders", request: r.setting("Authorization", noSignedHeaders),
                expected: incomplete([Messages.needSignedHeaders], noSignedHeaders)),
            RejectionCase(
                name: "no X-Amz-Date and no Date header", request: r.removing("X-Amz-Date"),
                expected: incomplete([Messages.needDate], auth)),
            RejectionCase(
                name: "Credential and Signature missing", request: r.setting("Authorization", onlySignedHeaders),
                expected: incomplete([Messages.needCredential, Messages.needSignature], onlySignedHeaders)),
            RejectionCase(
                name: "everything missing: the algorithm alone, no date",
                request: r.removing("X-Amz-Date").setting("Authorization", "AWS4-HMAC-SHA256"),
                expected: incomplete(
                    [Messages.needCredential, Messages.needSignature, Messages.needSignedHeaders, Messages.needDate],
                    "AWS4-HMAC-SHA256")),
            RejectionCase(
                name: "a credential with 4 parts",
                request: r.setting("Authorization", auth.replacingOccurrences(of: credential, with: fourParts)),
                expected: .incompleteSignature(
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(fourParts)'"
                )),
            RejectionCase(
                name: "a credential with 6 parts",
                request: r.setting("Authorization", auth.replacingOccurrences(of: credential, with: sixParts)),
                expected: .incompleteSignature(
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(sixParts)'"
                )),
            RejectionCase(
                name: "a credential without an access key ID",
                request: r.setting("Authorization", auth.replacingOccurrences(of: "AKIAIOSFODNN7EXAMPLE/", with: "/")),
                expected: .incompleteSignature("Credential must include an access key ID.")),
            RejectionCase(
                name: "a bad scope terminator",
                request: r.setting(
                    "Authorization", auth.replacingOccurrences(of: "/aws4_request", with: "/aws4_reques")),
                expected: .signatureRejected(
                    "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reques'.")),
            RejectionCase(
                name: "a scope date other than the X-Amz-Date day",
                request: r.setting("Authorization", auth.replacingOccurrences(of: "/20250115/", with: "/20250114/")),
                expected: .signatureRejected(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                        + "'20250114' != '20250115', from '20250115T120000Z'.")),
            RejectionCase(
                name: "an unsupported algorithm", request: r.setting("Authorization", sha1),
                expected: .incompleteSignature("Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1'. Authorization=\(sha1)")),
            RejectionCase(
                name: "the algorithm in lowercase", request: r.setting("Authorization", lowercaseAlgorithm),
                expected: .incompleteSignature(
                    "Unsupported AWS 'algorithm': 'aws4-hmac-sha256'. Authorization=\(lowercaseAlgorithm)")),
            RejectionCase(
                name: "X-Amz-Date in extended ISO-8601", request: r.setting("X-Amz-Date", "2025-01-15T12:00:00Z"),
                expected: .incompleteSignature(
                    "Date must be in ISO-8601 'basic format'. Got '2025-01-15T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601"
                )),
            RejectionCase(
                name: "a Date header that is not RFC 1123",
                request: r.removing("X-Amz-Date").setting("Date", "2025-01-15 12:00:00"),
                expected: .incompleteSignature("Date header must be in RFC 1123 format. Got '2025-01-15 12:00:00'.")),
            RejectionCase(
                name: "Host not among the signed headers",
                request: r.setting(
                    "Authorization", auth.replacingOccurrences(of: "content-type;host;", with: "content-type;")),
                expected: .signatureRejected(
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")),
            RejectionCase(
                name: "15-minute window: 1 s too old", request: r, now: Fixture.now.adding(seconds: 901),
                expected: .signatureRejected(
                    "Signature expired: 20250115T120000Z is now earlier than 20250115T120001Z (20250115T121501Z - 15 min.)"
                )),
            RejectionCase(
                name: "15-minute window: 1 s too new", request: r, now: Fixture.now.adding(seconds: -901),
                expected: .signatureRejected(
                    "Signature not yet current: 20250115T120000Z is still later than 20250115T115959Z (20250115T114459Z + 15 min.)"
                )),
            RejectionCase(
                name: "5-minute window (JSON, rest-json): 1 s too old", request: r,
                now: Fixture.now.adding(seconds: 301),
                clockSkew: 300,
                expected: .signatureRejected(
                    "Signature expired: 20250115T120000Z is now earlier than 20250115T120001Z (20250115T120501Z - 5 min.)"
                )),
            RejectionCase(
                name: "5-minute window (JSON, rest-json): 1 s too new", request: r,
                now: Fixture.now.adding(seconds: -301),
                clockSkew: 300,
                expected: .signatureRejected(
                    "Signature not yet current: 20250115T120000Z is still later than 20250115T115959Z (20250115T115459Z + 5 min.)"
                )),
            RejectionCase(
                name: "an unknown access key", request: unknown.request,
                expected: .unknownAccessKey(Fixture.unknownAccessKeyID)),
            RejectionCase(
                name: "a wrong signature", request: r.setting("Authorization", wrongSignature), expected: mismatch),
            RejectionCase(
                name: "signed with another secret", request: r,
                secretOverride: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEX",
                expected: mismatch),
            RejectionCase(
                name: "x-amz-content-sha256 not matching the body", request: swappedBody,
                expected: .signatureRejected(
                    "The provided 'x-amz-content-sha256' header does not match what was computed.")),
            RejectionCase(
                name: "SigV4a without X-Amz-Region-Set", request: sigV4a.removing("X-Amz-Region-Set"),
                expected: .incompleteSignature(
                    "SigV4a requests require the 'X-Amz-Region-Set' header or query parameter.")),
            RejectionCase(
                name: "SigV4a credential with a region (5 parts)",
                request: sigV4a.setting("Authorization", sigV4aWithRegion),
                expected: .incompleteSignature(
                    "Credential must have exactly 4 slash-delimited elements, e.g. keyid/date/service/term, got "
                        + "'AKIAIOSFODNN7EXAMPLE/20250115/us-east-1/bedrock/aws4_request'")),
        ]
    }

    // MARK: Presigned cases

    static func presignedCases() throws -> [RejectionCase] {
        let signer = Signer(credentials: Fixture.longTerm, region: "us-east-1", service: "sts")
        let presigned = try signer.presign(Fixture.stsGetCallerIdentity, at: Fixture.now, expires: 900)
        let r = presigned.request
        let mismatch = AuthFailure.signatureMismatch(
            canonicalRequest: presigned.canonicalRequest, stringToSign: presigned.stringToSign)
        let unknown = try Signer(
            credentials: Credentials(accessKeyID: Fixture.unknownAccessKeyID, secretAccessKey: "x"),
            region: "us-east-1",
            service: "sts"
        ).presign(Fixture.stsGetCallerIdentity, at: Fixture.now, expires: 900)
        let notANumber = AuthFailure.incompleteSignature("X-Amz-Expires should be a number")

        return [
            RejectionCase(
                name: "presigned: only X-Amz-Algorithm",
                request: r.removingQuery(
                    "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date", "X-Amz-Expires"),
                expected: .incompleteSignature(
                    Messages.queryMissing("X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"))),
            RejectionCase(
                name: "presigned: no X-Amz-Algorithm", request: r.removingQuery("X-Amz-Algorithm"),
                expected: .incompleteSignature(Messages.queryMissing("X-Amz-Algorithm"))),
            RejectionCase(
                name: "presigned: no X-Amz-Signature", request: r.removingQuery("X-Amz-Signature"),
                expected: .incompleteSignature(Messages.queryMissing("X-Amz-Signature"))),
            RejectionCase(
                name: "presigned: no X-Amz-Date or X-Amz-SignedHeaders",
                request: r.removingQuery("X-Amz-Date", "X-Amz-SignedHeaders"),
                expected: .incompleteSignature(Messages.queryMissing("X-Amz-SignedHeaders", "X-Amz-Date"))),
            RejectionCase(
                name: "presigned: no X-Amz-Expires", request: r.removingQuery("X-Amz-Expires"),
                expected: .incompleteSignature(Messages.queryMissing("X-Amz-Expires"))),
            RejectionCase(
                name: "presigned: X-Amz-Expires=abc", request: r.replacingQuery("X-Amz-Expires", with: "abc"),
                expected: notANumber),
            RejectionCase(
                name: "presigned: X-Amz-Expires=-1", request: r.replacingQuery("X-Amz-Expires", with: "-1"),
                expected: notANumber),
            RejectionCase(
                name: "presigned: X-Amz-Expires empty", request: r.replacingQuery("X-Amz-Expires", with: ""),
                expected: notANumber),
            RejectionCase(
                name: "presigned: X-Amz-Expires=1e3", request: r.replacingQuery("X-Amz-Expires", with: "1e3"),
                expected: notANumber),
            RejectionCase(
                name: "presigned: X-Amz-Expires=604801, over a week",
                request: r.replacingQuery("X-Amz-Expires", with: "604801"),
                expected: .incompleteSignature("X-Amz-Expires must be less than a week (in seconds) that is 604800")),
            RejectionCase(
                name: "presigned: unsupported X-Amz-Algorithm",
                request: r.replacingQuery("X-Amz-Algorithm", with: "AWS4-HMAC-SHA512"),
                expected: .incompleteSignature(
                    "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\" and \"AWS4-ECDSA-P256-SHA256\"")),
            RejectionCase(
                name: "presigned: credential with 4 parts",
                request: r.replacingQuery(
                    "X-Amz-Credential", with: "AKIAIOSFODNN7EXAMPLE%2F20250115%2Fsts%2Faws4_request"),
                expected: .incompleteSignature(
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got "
                        + "'AKIAIOSFODNN7EXAMPLE/20250115/sts/aws4_request'")),
            RejectionCase(
                name: "presigned: X-Amz-Date not in basic format",
                request: r.replacingQuery("X-Amz-Date", with: "2025-01-15T12%3A00%3A00Z"),
                expected: .incompleteSignature(
                    "Date must be in ISO-8601 'basic format'. Got '2025-01-15T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601"
                )),
            RejectionCase(
                name: "presigned: expired 1 s after X-Amz-Expires", request: r, now: Fixture.now.adding(seconds: 901),
                expected: .signatureRejected(
                    "Signature expired: 20250115T120000Z is now earlier than 20250115T120001Z (20250115T121501Z - 900 sec.)"
                )),
            RejectionCase(
                name: "presigned: dated beyond the clock window", request: r, now: Fixture.now.adding(seconds: -901),
                expected: .signatureRejected(
                    "Signature not yet current: 20250115T120000Z is still later than 20250115T115959Z (20250115T114459Z + 15 min.)"
                )),
            RejectionCase(
                name: "presigned: unknown access key", request: unknown.request,
                expected: .unknownAccessKey(Fixture.unknownAccessKeyID)),
            RejectionCase(
                name: "presigned: wrong signature",
                request: r.replacingQuery("X-Amz-Signature", with: String(repeating: "a", count: 64)),
                expected: mismatch),
        ]
    }

    static func all() throws -> [RejectionCase] { try headerCases() + presignedCases() }
}

/// A request that sits exactly on an edge the verifier must still accept.
struct EdgeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let request: SigV4Request
    let now: AmzDate
    var clockSkew: Int64 = 900
    var testDescription: String { name }
}

@Suite("Verifier: every malformed form gets AWS's own error")
struct VerifierErrorTests {
    @Test(
        "the exact AuthFailure, and the code, status and message of each protocol", arguments: try RejectionCase.all())
    func rejects(_ c: RejectionCase) {
        let verdict = c.verify()
        #expect(verdict == .invalid(c.expected))
        guard case .invalid(let failure) = verdict else { return }
        for p: AuthFailure.WireProtocol in [.query, .json, .restJSON] {
            let (code, status, message) = failure.wireError(for: p)
            #expect(WireError(code: code, status: status, message: message) == Messages.wire(c.expected, p), "\(p)")
        }
    }

    @Test("a mismatch carries the server's canonical request and string to sign, never in the wire message")
    func mismatchCarriesStages() throws {
        let signed = try Signer(credentials: Fixture.longTerm, region: "us-east-1", service: "sts")
            .sign(Fixture.stsAssumeRole, at: Fixture.now)
        var tampered = signed.request
        tampered.body += Array("&Extra=1".utf8)
        guard
            case .invalid(.signatureMismatch(let canonical, let stringToSign)) = Fixture.verifier().verify(
                tampered, now: Fixture.now)
        else {
            Issue.record("expected a signature mismatch")
            return
        }
        let lines = canonical.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "POST")
        #expect(lines.last.map(String.init) == SHA256.hash(tampered.body).hex)
        #expect(canonical != signed.canonicalRequest)
        #expect(
            canonical.hasPrefix(
                "POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:sts.amazonaws.com\n"))
        #expect(stringToSign.hasPrefix("AWS4-HMAC-SHA256\n20250115T120000Z\n20250115/us-east-1/sts/aws4_request\n"))
        for p: AuthFailure.WireProtocol in [.query, .json, .restJSON] {
            let message = AuthFailure.signatureMismatch(canonicalRequest: canonical, stringToSign: stringToSign)
                .wireError(for: p).message
            #expect(message == Messages.mismatch)
        }
    }

    static func edges() throws -> [EdgeCase] {
        let signer = Signer(credentials: Fixture.longTerm, region: "us-east-1", service: "sts")
        let header = try signer.sign(Fixture.stsAssumeRole, at: Fixture.now).request
        let presigned = try signer.presign(Fixture.stsGetCallerIdentity, at: Fixture.now, expires: 900).request
        let week = try signer.presign(Fixture.stsGetCallerIdentity, at: Fixture.now, expires: 604_800).request
        let t = Fixture.now
        return [
            EdgeCase(name: "header: exactly 15 min old", request: header, now: t.adding(seconds: 900)),
            EdgeCase(name: "header: exactly 15 min ahead", request: header, now: t.adding(seconds: -900)),
            EdgeCase(
                name: "header: exactly 5 min old, 5-minute window", request: header, now: t.adding(seconds: 300),
                clockSkew: 300),
            EdgeCase(
                name: "header: exactly 5 min ahead, 5-minute window", request: header, now: t.adding(seconds: -300),
                clockSkew: 300),
            EdgeCase(
                name: "presigned: the last second of X-Amz-Expires", request: presigned, now: t.adding(seconds: 900)),
            EdgeCase(
                name: "presigned: dated exactly one window ahead", request: presigned, now: t.adding(seconds: -900)),
            EdgeCase(
                name: "presigned: X-Amz-Expires=604800, a week, at its last second", request: week,
                now: t.adding(seconds: 604_800)),
        ]
    }

    @Test("requests exactly on the time edges are accepted", arguments: try edges())
    func acceptsEdges(_ e: EdgeCase) {
        let verdict = Fixture.verifier(clockSkew: e.clockSkew).verify(e.request, now: e.now)
        guard case .valid = verdict else {
            Issue.record("rejected: \(verdict)")
            return
        }
    }
}

@Suite("Verifier: out-of-range dates")
struct VerifierDateRangeTests {
    /// A `Date` header (no `X-Amz-Date`) whose year is negative parses, then traps when the verifier writes
    /// the scope day (see the report). Run in a child process so the trap fails this test only.
    @Test(
        "a Date header whose year is not four digits is refused, not a trap",
        arguments: ["Thu, 01 Jan -1 00:00:00 GMT", "Thu, 01 Jan 300000000000 00:00:00 GMT"])
    func dateHeaderYearOutOfRange(_ date: String) async {
        await #expect(processExitsWith: .success, "Date: \(date)") { [date = date as String] in
            let request = SigV4Request(
                method: "GET", path: "/",
                headers: [
                    HTTPHeader("Host", "sts.amazonaws.com"), HTTPHeader("Date", date),
                    HTTPHeader(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250115/us-east-1/sts/aws4_request, "
                            + "SignedHeaders=date;host, Signature=" + String(repeating: "0", count: 64)),
                ])
            let verdict = Verifier { _ in "secret" }.verify(request, now: AmzDate(secondsSince1970: 1_736_942_400))
            guard case .invalid(.incompleteSignature) = verdict else { exit(1) }
        }
    }
}
