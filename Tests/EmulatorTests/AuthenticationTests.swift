import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Spec §2.3–2.4 over the query protocol: every way authentication fails, with AWS's exact code, status and
/// message, and the identity convention when it succeeds.
@Suite("Authentication (query protocol)")
struct AuthenticationTests {
    let endpoint = TestEndpoint()
    static let account = "111111111111"
    static let signatureMismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
        + "Access Key and signing method. Consult the service documentation for details."
    static let invalidToken = "The security token included in the request is invalid."

    func callerIdentity(as credentials: Credentials, signedAt: AmzDate? = nil) -> TestResponse {
        endpoint.call(.sts, "GetCallerIdentity", as: credentials, signedAt: signedAt)
    }

    /// Temporary credentials of the root of `account` (GetSessionToken needs no IAM set-up).
    func sessionCredentials(_ account: String = account) throws -> Credentials {
        let response = endpoint.call(.sts, "GetSessionToken", as: .root(account))
        return try #require(response.credentials, "\(response)")
    }

    @Test("a 12-digit key with secret test is that account's root")
    func accountRoot() {
        let response = callerIdentity(as: .root(Self.account))
        response.expectSuccess("GetCallerIdentity")
        #expect(response.value("Arn") == "arn:aws:iam::111111111111:root")
        #expect(response.value("Account") == Self.account)
    }

    @Test("test/test is the root of 000000000000")
    func testTest() {
        let response = callerIdentity(as: .test)
        response.expectSuccess("GetCallerIdentity")
        #expect(response.value("Arn") == "arn:aws:iam::000000000000:root")
    }

    @Test("any region in the scope is accepted")
    func anyRegion() {
        endpoint.call(.sts, "GetCallerIdentity", as: .root(Self.account), region: "eu-west-1").expectSuccess(
            "GetCallerIdentity")
    }

    @Test("a presigned GET GetCallerIdentity authenticates")
    func presigned() throws {
        let unsigned = SigV4Request(
            method: "GET", path: "/", query: "Action=GetCallerIdentity&Version=2011-06-15",
            headers: [HTTPHeader("Host", TestEndpoint.host)])
        let signed = try Signer(credentials: .root(Self.account), region: "us-east-1", service: "sts")
            .presign(unsigned, at: endpoint.wallClock, expires: 900).request
        let response = endpoint.send(HTTPRequest(signed))
        response.expectSuccess("GetCallerIdentity")
        #expect(response.value("Account") == Self.account)
    }

    @Test("no Authorization at all is MissingAuthenticationToken")
    func missingAuthentication() {
        let response = endpoint.send(HTTPRequest(TestEndpoint.unsignedRequest(.sts, "GetCallerIdentity", [])))
        response.expectError(
            "MissingAuthenticationToken", status: 403, message: "Request is missing Authentication Token")
    }

    @Test("an Authorization header without Signature and SignedHeaders is IncompleteSignature naming both")
    func incompleteSignature() {
        var request = endpoint.request(.sts, "GetCallerIdentity", as: .root(Self.account))
        let partial = "AWS4-HMAC-SHA256 Credential=111111111111/20250115/us-east-1/sts/aws4_request"
        request.headers = request.headers.map { $0.name == "Authorization" ? HTTPField("Authorization", partial) : $0 }
        endpoint.send(request).expectError(
            "IncompleteSignature", status: 400,
            message: "Authorization header requires 'Signature' parameter. Authorization header requires "
                + "'SignedHeaders' parameter. Authorization=\(partial)")
    }

    @Test("an unknown access key is InvalidClientTokenId")
    func unknownKey() {
        let credentials = Credentials(accessKeyID: "AKIAUNKNOWNKEY000000", secretAccessKey: "x")
        callerIdentity(as: credentials).expectError("InvalidClientTokenId", status: 403, message: Self.invalidToken)
    }

    @Test("a known key signed with the wrong secret is SignatureDoesNotMatch")
    func wrongSecret() {
        let credentials = Credentials(accessKeyID: Self.account, secretAccessKey: "not-test")
        callerIdentity(as: credentials).expectError(
            "SignatureDoesNotMatch", status: 403, message: Self.signatureMismatch)
    }

    @Test("a body changed after signing is SignatureDoesNotMatch")
    func tamperedBody() {
        var request = endpoint.request(
            .sts, "AssumeRole", [("RoleArn", "arn:aws:iam::222222222222:role/r"), ("RoleSessionName", "s1")],
            as: .root(Self.account))
        // The body ends `RoleSessionName=s1`; make it `s2`.
        request.body[request.body.count - 1] = UInt8(ascii: "2")
        endpoint.send(request).expectError("SignatureDoesNotMatch", status: 403, message: Self.signatureMismatch)
    }

    @Test("a signature 16 minutes old is SignatureDoesNotMatch: Signature expired")
    func tooOld() {
        let response = callerIdentity(as: .root(Self.account), signedAt: endpoint.wallClock.adding(seconds: -16 * 60))
        response.expectError(
            "SignatureDoesNotMatch", status: 403,
            message:
                "Signature expired: 20250115T114400Z is now earlier than 20250115T114500Z (20250115T120000Z - 15 min.)")
    }

    @Test("a signature 16 minutes ahead is SignatureDoesNotMatch: Signature not yet current")
    func tooNew() {
        let response = callerIdentity(as: .root(Self.account), signedAt: endpoint.wallClock.adding(seconds: 16 * 60))
        response.expectError(
            "SignatureDoesNotMatch", status: 403,
            message:
                "Signature not yet current: 20250115T121600Z is still later than 20250115T121500Z (20250115T120000Z + 15 min.)"
        )
    }

    @Test("signatures within 15 minutes either way are accepted", arguments: [-14 * 60, 14 * 60] as [Int64])
    func withinSkew(offset: Int64) {
        callerIdentity(as: .root(Self.account), signedAt: endpoint.wallClock.adding(seconds: offset))
            .expectSuccess("GetCallerIdentity")
    }

    @Test("a signed request replayed 16 minutes later is refused")
    func replayed() {
        let request = endpoint.request(.sts, "GetCallerIdentity", as: .root(Self.account))
        endpoint.send(request).expectSuccess("GetCallerIdentity")
        endpoint.advanceWallClock(seconds: 16 * 60)
        endpoint.send(request).expectError("SignatureDoesNotMatch", status: 403)
        #expect(endpoint.send(request).errorMessage?.hasPrefix("Signature expired: 20250115T120000Z") == true)
    }

    @Test("the skew check follows the wall clock, not virtual time")
    func skewIgnoresVirtualClock() {
        #expect(endpoint.advanceVirtualClock(seconds: 86_400).status == 200)
        callerIdentity(as: .root(Self.account)).expectSuccess("GetCallerIdentity")
    }

    @Test("temporary credentials expire on the virtual clock: ExpiredToken")
    func expiredSession() throws {
        let credentials = try sessionCredentials()
        #expect(endpoint.advanceVirtualClock(seconds: 3_599).status == 200)
        callerIdentity(as: credentials).expectSuccess("GetCallerIdentity")
        #expect(endpoint.advanceVirtualClock(seconds: 1).status == 200)
        callerIdentity(as: credentials).expectError(
            "ExpiredToken", status: 403, message: "The security token included in the request is expired")
    }

    @Test("a garbled or forged session token is InvalidClientTokenId", arguments: ["garbage", "flip", "none"])
    func forgedToken(kind: String) throws {
        var credentials = try sessionCredentials()
        let token = try #require(credentials.sessionToken)
        switch kind {
        case "garbage": credentials.sessionToken = "garbage"
        case "flip":
            // Change one base64 character in the middle (the claims), keeping the text valid base64.
            var characters = Array(token)
            let middle = characters.count / 2
            characters[middle] = characters[middle] == "A" ? "B" : "A"
            credentials.sessionToken = String(characters)
        default: credentials.sessionToken = nil
        }
        callerIdentity(as: credentials).expectError("InvalidClientTokenId", status: 403, message: Self.invalidToken)
    }

    @Test("a session token used with another temporary key is InvalidClientTokenId")
    func tokenOfAnotherKey() throws {
        let first = try sessionCredentials()
        let second = try sessionCredentials()
        let mixed = Credentials(
            accessKeyID: first.accessKeyID, secretAccessKey: first.secretAccessKey, sessionToken: second.sessionToken)
        callerIdentity(as: mixed).expectError("InvalidClientTokenId", status: 403, message: Self.invalidToken)
    }

    /// The classic stale `AWS_SESSION_TOKEN` next to fresh long-term keys: AWS refuses the token rather than
    /// ignoring it.
    @Test("a session token sent with a long-term key is InvalidClientTokenId")
    func tokenWithLongTermKey() throws {
        let stale = try #require(try sessionCredentials().sessionToken)
        var credentials = Credentials.root(Self.account)
        credentials.sessionToken = stale
        callerIdentity(as: credentials).expectError("InvalidClientTokenId", status: 403, message: Self.invalidToken)
    }

    @Test("temporary credentials of one emulator mean nothing to another")
    func tokenOfAnotherEmulator() throws {
        let credentials = try sessionCredentials()
        TestEndpoint().call(.sts, "GetCallerIdentity", as: credentials)
            .expectError("InvalidClientTokenId", status: 403, message: Self.invalidToken)
    }
}

/// `--signature-check off`: identities still come from the access key, but neither the signature nor the
/// skew is checked, and an unsigned request is the root of `000000000000`.
@Suite("Authentication with signature checking off")
struct SignatureCheckOffTests {
    let endpoint = TestEndpoint(signatureCheck: false)

    @Test("a wrong secret is accepted and the key still names the caller")
    func wrongSecret() {
        let response = endpoint.call(
            .sts, "GetCallerIdentity", as: Credentials(accessKeyID: "111111111111", secretAccessKey: "whatever"))
        response.expectSuccess("GetCallerIdentity")
        #expect(response.value("Arn") == "arn:aws:iam::111111111111:root")
    }

    @Test("a skewed signature is accepted")
    func skewed() {
        endpoint.call(
            .sts, "GetCallerIdentity", as: .root("111111111111"), signedAt: endpoint.wallClock.adding(seconds: -3_600)
        ).expectSuccess("GetCallerIdentity")
    }

    @Test("an unsigned request acts as the root of 000000000000")
    func unsigned() {
        let response = endpoint.send(HTTPRequest(TestEndpoint.unsignedRequest(.sts, "GetCallerIdentity", [])))
        response.expectSuccess("GetCallerIdentity")
        #expect(response.value("Arn") == "arn:aws:iam::000000000000:root")
        #expect(response.value("Account") == "000000000000")
    }

    @Test("an unknown access key is still refused")
    func unknownKey() {
        endpoint.call(
            .sts, "GetCallerIdentity", as: Credentials(accessKeyID: "AKIAUNKNOWNKEY000000", secretAccessKey: "x")
        )
        .expectError("InvalidClientTokenId", status: 403)
    }
}
