import TestSupport
import Foundation
import SigV4
import Testing

@testable import RoleplayCLI

@Suite("roleplay verify")
struct VerifyCommandTests {
    typealias F = CLIFixtures

    /// Signs `request` with `roleplay sign` and returns the signed bytes.
    static func signed(_ request: String, _ arguments: [String] = ["--service", "sts"]) throws -> [UInt8] {
        try F.sign(F.credentialArguments + arguments + ["--time", F.time], request).stdout
    }

    static let verifyArguments = ["--secret-access-key", F.secret, "--time", F.time]

    @Test("parses its options")
    func parsesOptions() throws {
        let verify: Roleplay.Verify = try F.parse([
            "verify", "--secret-access-key", "s", "--access-key-id", "AKID", "--clock-skew", "300", "--protocol",
            "rest-json", "--expected-canonical", "client.txt", "signed.txt",
        ])
        #expect(verify.clockSkew == 300)
        #expect(verify.wireProtocol == .restJSON)
        #expect(verify.expectedCanonical == "client.txt")
        #expect(verify.accessKeyID == "AKID")
        #expect(verify.file == "signed.txt")
        let defaults: Roleplay.Verify = try F.parse(["verify"])
        #expect(defaults.clockSkew == 900 && defaults.wireProtocol == .query && defaults.file == nil)
        #expect(F.parseError(["verify", "--protocol", "xml"])?.contains("--protocol") == true)
        #expect(F.parseError(["verify", "--clock-skew", "-1"])?.contains("--clock-skew") == true)
    }

    @Test(
        "accepts what sign produced",
        arguments: [
            (F.assumeRole, ["--service", "sts"]),
            (F.invokeModel, ["--service", "bedrock"]),
            (F.invokeModel, ["--service", "bedrock", "--unsigned-payload"]),
            (F.invokeModel, ["--service", "bedrock", "--content-sha256"]),
            (F.getVanilla, ["--service", "service", "--presign", "900"]),
            (F.assumeRole, ["--service", "sts", "--session-token", "FQoGZXIvYXdzEXAMPLE"]),
            (F.assumeRole, ["--service", "sts", "--sigv4a", "--region", "*"]),
            (F.invokeModel, ["--service", "bedrock", "--sigv4a", "--region", "us-east-1,us-west-2"]),
            (F.getVanilla, ["--service", "service", "--sigv4a", "--presign", "60"]),
        ])
    func roundTrip(_ request: String, _ arguments: [String]) throws {
        let out = try F.verify(Self.verifyArguments, try Self.signed(request, arguments))
        #expect(out.exitCode == 0, "\(out.text)")
        #expect(out.text.hasPrefix("valid\n  access key ID:  AKIDEXAMPLE\n"), "\(out.text)")
    }

    @Test("a valid request reports access key, scope and signed headers")
    func validReport() throws {
        let out = try F.verify(Self.verifyArguments, try Self.signed(F.assumeRole))
        #expect(
            out.text == """
                valid
                  access key ID:  AKIDEXAMPLE
                  algorithm:      AWS4-HMAC-SHA256
                  scope:          20150830/us-east-1/sts/aws4_request
                  signed headers: content-length;content-type;host;x-amz-date
                  signed at:      20150830T123600Z (server time 20150830T123600Z, window ±900 s)

                """)
        #expect(out.stderr.isEmpty)
    }

    @Test("a SigV4a request reports its region set")
    func sigV4aReport() throws {
        let out = try F.verify(
            Self.verifyArguments, try Self.signed(F.getVanilla, ["--service", "service", "--sigv4a", "--region", "*"]))
        #expect(out.text.contains("  algorithm:      AWS4-ECDSA-P256-SHA256\n"))
        #expect(out.text.contains("  scope:          20150830/service/aws4_request\n"))
        #expect(out.text.contains("  region set:     *\n"))
    }

    @Test("a SigV4a request whose region set changed does not verify")
    func sigV4aRegionSetTampered() throws {
        let signed = try Self.signed(F.getVanilla, ["--service", "service", "--sigv4a", "--region", "us-east-1"])
        var request = try RawHTTPRequest.parse(signed)
        request.setHeader("X-Amz-Region-Set", "*")
        let out = try F.verify(Self.verifyArguments, RawHTTPRequest.serialize(request))
        #expect(out.exitCode == 1)
        #expect(out.text.contains("  code:    SignatureDoesNotMatch\n"))
    }

    @Test("a mismatch prints AWS's code and message and the server's canonical request and string to sign")
    func mismatch() throws {
        var request = try RawHTTPRequest.parse(try Self.signed(F.assumeRole))
        request.body = Array(
            String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: "s1", with: "s2").utf8)
        let out = try F.verify(Self.verifyArguments, RawHTTPRequest.serialize(request))
        #expect(out.exitCode == 1)
        let text = out.text
        #expect(text.hasPrefix("invalid\n  code:    SignatureDoesNotMatch\n  status:  403\n"))
        #expect(
            text.contains("  message: The request signature we calculated does not match the signature you provided."))
        #expect(text.contains("--- server canonical request\nPOST\n/\n\ncontent-length:138\n"))
        #expect(
            text.contains(
                "--- server string to sign\nAWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/sts/aws4_request\n"))
        #expect(text.contains("hint: pass --expected-canonical FILE"))
    }

    @Test("--expected-canonical marks the differing line and names the part")
    func diffAgainstExplain() throws {
        // The worked example of docs/sigv4.md: a proxy decodes %3A to ':' in a Bedrock model ID.
        let signing = try F.sign(
            F.credentialArguments + ["--service", "bedrock", "--time", F.time, "--explain"], F.invokeModel)
        let proxied = signing.text.replacingOccurrences(of: "v1%3A0", with: "v1:0")
        let out = try F.verify(Self.verifyArguments, Array(proxied.utf8), expectedCanonical: signing.stderr)
        #expect(out.exitCode == 1)
        let text = out.text
        #expect(
            text.contains(
                """
                --- canonical request diff (-: client, expected; +: server, received)
                  POST
                - /model/anthropic.claude-3-haiku-20240307-v1%253A0/invoke
                + /model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke
                  \n
                """), "\(text)")
        #expect(text.contains("First difference: line 2 of the client's canonical request, the canonical URI."))
        #expect(text.contains("%3A and ':' in model IDs"))
        #expect(!text.contains("hint: pass --expected-canonical"))
        #expect(out.stderr.isEmpty)
    }

    @Test("--expected-canonical also takes a bare canonical request")
    func diffAgainstBareCanonical() throws {
        let signing = try F.sign(
            F.credentialArguments + ["--service", "sts", "--time", F.time, "--json"], F.assumeRole)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(signing.stdout)) as? [String: Any])
        let canonical = try #require(object["canonical_request"] as? String)
        let signed = try #require(object["signed_request"] as? String)
        let rewritten = signed.replacingOccurrences(
            of: "Content-Type:application/x-www-form-urlencoded; charset=utf-8",
            with: "Content-Type:application/x-www-form-urlencoded")
        let out = try F.verify(Self.verifyArguments, Array(rewritten.utf8), expectedCanonical: canonical + "\n")
        #expect(out.text.contains("- content-type:application/x-www-form-urlencoded; charset=utf-8\n"))
        #expect(out.text.contains("+ content-type:application/x-www-form-urlencoded\n"))
        #expect(out.text.contains("the header content-type."))
        #expect(out.text.contains("  host:sts.us-east-1.amazonaws.com\n"))
    }

    @Test("identical canonical requests point at the key, scope or date")
    func identicalCanonical() throws {
        let signing = try F.sign(
            F.credentialArguments + ["--service", "sts", "--time", F.time, "--explain"], F.assumeRole)
        let out = try F.verify(
            ["--secret-access-key", "not-the-secret", "--time", F.time], signing.stdout,
            expectedCanonical: signing.stderr)
        #expect(out.exitCode == 1)
        #expect(out.text.contains("The canonical requests are identical"))
        #expect(!out.text.contains("\n- "))
    }

    @Test(
        "reports the failure code of the chosen protocol",
        arguments: [
            ("query", "SignatureDoesNotMatch", 403),
            ("json", "InvalidSignatureException", 400),
            ("rest-json", "InvalidSignatureException", 403),
        ])
    func protocols(_ wireProtocol: String, _ code: String, _ status: Int) throws {
        let out = try F.verify(
            ["--secret-access-key", "wrong", "--time", F.time, "--protocol", wireProtocol],
            try Self.signed(F.assumeRole))
        #expect(out.text.contains("  code:    \(code)\n  status:  \(status)\n"), "\(out.text)")
    }

    @Test("the clock-skew window is --clock-skew seconds either side of --time")
    func clockSkew() throws {
        let signed = try Self.signed(F.assumeRole)
        let inside = try F.verify(
            ["--secret-access-key", F.secret, "--time", "20150830T124000Z", "--clock-skew", "300"], signed)
        #expect(inside.exitCode == 0)
        let late = try F.verify(
            ["--secret-access-key", F.secret, "--time", "20150830T124101Z", "--clock-skew", "300"], signed)
        #expect(late.exitCode == 1)
        #expect(late.text.contains("Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z"))
        let early = try F.verify(
            ["--secret-access-key", F.secret, "--time", "20150830T123000Z", "--clock-skew", "300"], signed)
        #expect(early.text.contains("Signature not yet current"))
    }

    @Test("without --time the given clock is the server time")
    func defaultServerTime() throws {
        let out = try F.verify(["--secret-access-key", F.secret], try Self.signed(F.assumeRole), now: F.signingTime)
        #expect(out.exitCode == 0)
    }

    @Test("a presigned request is valid until X-Amz-Date + X-Amz-Expires")
    func presignExpiry() throws {
        let signed = try Self.signed(F.getVanilla, ["--service", "service", "--presign", "60"])
        let valid = try F.verify(["--secret-access-key", F.secret, "--time", "20150830T123700Z"], signed)
        #expect(valid.exitCode == 0)
        #expect(valid.text.contains("  presigned:      at 20150830T123600Z, valid for 60 s\n"))
        let expired = try F.verify(["--secret-access-key", F.secret, "--time", "20150830T123701Z"], signed)
        #expect(expired.exitCode == 1)
        #expect(expired.text.contains("Signature expired"))
    }

    @Test("a presigned URL can be given as is")
    func presignedURL() throws {
        let signed = try RawHTTPRequest.parse(
            try Self.signed(F.getVanilla, ["--service", "service", "--presign", "60"]))
        let url = "https://\(signed.header("Host")!)\(signed.target)\n"
        let out = try F.verify(Self.verifyArguments, Array(url.utf8))
        #expect(out.exitCode == 0, "\(out.text)")
    }

    @Test("--access-key-id restricts which key is accepted")
    func restrictAccessKey() throws {
        let signed = try Self.signed(F.assumeRole)
        let other = try F.verify(Self.verifyArguments + ["--access-key-id", "AKIDOTHER"], signed)
        #expect(other.exitCode == 1)
        #expect(other.text.contains("  code:    InvalidClientTokenId\n"))
        #expect(other.text.contains("The security token included in the request is invalid."))
        let same = try F.verify(Self.verifyArguments + ["--access-key-id", F.accessKeyID], signed)
        #expect(same.exitCode == 0)
    }

    @Test("the secret can come from AWS_SECRET_ACCESS_KEY")
    func secretFromEnvironment() throws {
        let out = try F.verify(
            ["--time", F.time], try Self.signed(F.assumeRole), environment: ["AWS_SECRET_ACCESS_KEY": F.secret])
        #expect(out.exitCode == 0)
        let error = try #require(throws: CLIError.self) {
            try F.verify(["--time", F.time], try Self.signed(F.assumeRole))
        }
        #expect(error.description.contains("AWS_SECRET_ACCESS_KEY"))
    }

    /// A request with `X-Amz-Date` and the given `Authorization` value (after the algorithm name).
    static func authorized(_ rest: String) -> String {
        "GET / HTTP/1.1\nHost:x\nX-Amz-Date:20150830T123600Z\nAuthorization:AWS4-HMAC-SHA256 \(rest)\n\n"
    }

    @Test(
        "malformed signatures get AWS's specific error, never a crash",
        arguments: [
            ("GET / HTTP/1.1\nHost:x\n\n", "MissingAuthenticationToken", "Request is missing Authentication Token"),
            (
                authorized("Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"),
                "IncompleteSignature", "Authorization header requires 'Signature' parameter."
            ),
            (
                authorized("Credential=AKIDEXAMPLE/20150830/us-east-1/service, SignedHeaders=host, Signature=00"),
                "IncompleteSignature", "Credential must have exactly 5 slash-delimited elements"
            ),
            (
                authorized(
                    "Credential=AKIDEXAMPLE/20150831/us-east-1/service/aws4_request, SignedHeaders=host, Signature=00"),
                "SignatureDoesNotMatch", "Date in Credential scope does not match"
            ),
            (
                authorized(
                    "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws5_request, SignedHeaders=host, Signature=00"),
                "SignatureDoesNotMatch", "valid terminator"
            ),
            (
                "GET /?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00 HTTP/1.1\nHost:x\n\n",
                "IncompleteSignature", "AWS query-string parameters must include 'X-Amz-Credential'."
            ),
        ])
    func malformedSignatures(_ request: String, _ code: String, _ message: String) throws {
        let out = try F.verify(Self.verifyArguments, Array(request.utf8))
        #expect(out.exitCode == 1)
        #expect(out.text.contains("  code:    \(code)\n"), "\(out.text)")
        #expect(out.text.contains(message), "\(out.text)")
    }

    @Test(
        "input that is not an HTTP request gives a clear error",
        arguments: [
            ("", "the input is empty"), ("GET\n", "request line has no target"),
            ("GET / HTTP/1.1\nbad\n\n", "without a colon"),
        ])
    func malformedInput(_ input: String, _ message: String) throws {
        let error = try #require(throws: CLIError.self) { try F.verify(Self.verifyArguments, Array(input.utf8)) }
        #expect(error.description.contains(message), "\(error)")
    }

    @Test("random truncations and byte flips never crash it", arguments: 0..<4)
    func fuzz(_ seed: Int) throws {
        let signed = try Self.signed(F.assumeRole)
        var generator = SplitMix64(seed: UInt64(seed))
        for _ in 0..<100 {
            var bytes = signed
            if generator.next() % 2 == 0 {
                bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
            } else {
                let i = Int(generator.next() % UInt64(bytes.count))
                bytes[i] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            }
            do {
                let out = try F.verify(Self.verifyArguments, bytes)
                #expect(out.exitCode == 0 || out.text.hasPrefix("invalid\n"))
            } catch is CLIError {
                // Unparseable input is reported as an error: also fine.
            }
        }
    }

    @Test("--json reports the verdict as one object")
    func json() throws {
        let valid = try F.verify(Self.verifyArguments + ["--json"], try Self.signed(F.assumeRole))
        let v = try #require(try JSONSerialization.jsonObject(with: Data(valid.stdout)) as? [String: Any])
        #expect(v["valid"] as? Bool == true)
        #expect(v["access_key_id"] as? String == F.accessKeyID)
        #expect(v["credential_scope"] as? String == "20150830/us-east-1/sts/aws4_request")
        #expect(v["signed_headers"] as? [String] == ["content-length", "content-type", "host", "x-amz-date"])

        let signing = try F.sign(
            F.credentialArguments + ["--service", "bedrock", "--time", F.time, "--explain"], F.invokeModel)
        let proxied = signing.text.replacingOccurrences(of: "v1%3A0", with: "v1:0")
        let invalid = try F.verify(
            Self.verifyArguments + ["--json", "--protocol", "rest-json"], Array(proxied.utf8),
            expectedCanonical: signing.stderr)
        #expect(invalid.exitCode == 1)
        let i = try #require(try JSONSerialization.jsonObject(with: Data(invalid.stdout)) as? [String: Any])
        #expect(i["valid"] as? Bool == false)
        #expect(i["code"] as? String == "InvalidSignatureException")
        #expect(i["http_status"] as? Int == 403)
        #expect((i["server_canonical_request"] as? String)?.contains("v1%3A0") == true)
        let diff = try #require(i["diff"] as? [[String: Any]])
        let changed = diff.filter { $0["kind"] as? String != "same" }
        #expect(changed.map { $0["part"] as? String } == ["canonical URI", "canonical URI"])
        #expect(changed.map { $0["number"] as? Int } == [2, 2])
        #expect(i["string_to_sign_differs"] as? Bool == true)
    }
}
