import Foundation
import SigV4
import Testing
import TestSupport

@testable import RoleplayCLI

@Suite("roleplay sign")
struct SignCommandTests {
    typealias F = CLIFixtures

    @Test("parses its options")
    func parsesOptions() throws {
        let sign: Roleplay.Sign = try F.parse([
            "sign", "--service", "bedrock", "--region", "eu-west-1", "--time", "2015-08-30T12:36:00Z",
            "--presign", "300", "--explain", "--no-normalize", "req.txt",
        ])
        #expect(sign.service == "bedrock")
        #expect(sign.region == "eu-west-1")
        #expect(sign.time?.date == F.signingTime)
        #expect(sign.presignSeconds == 300)
        #expect(sign.explain && sign.noNormalize && !sign.sigv4a)
        #expect(sign.file == "req.txt")
        #expect(sign.options.normalizePath == false)
    }

    @Test("reads standard input for '-' or no file")
    func standardInput() throws {
        let dash: Roleplay.Sign = try F.parse(["sign", "--service", "sts", "-"])
        let none: Roleplay.Sign = try F.parse(["sign", "--service", "sts"])
        #expect(dash.file == "-")
        #expect(none.file == nil)
    }

    @Test(
        "rejects bad options with a message",
        arguments: [
            (["sign"], "--service"),
            (["sign", "--service", "sts", "--presign", "0"], "--presign must be between 1 and 604800"),
            (["sign", "--service", "sts", "--presign", "604801"], "--presign must be between 1 and 604800"),
            (["sign", "--service", "sts", "--time", "yesterday"], "--time"),
            (["sign", "--service", "sts", "--region", "*"], "add --sigv4a"),
            (["sign", "--service", "a/b"], "--service must be a signing name"),
        ])
    func rejectsBadOptions(_ arguments: [String], _ message: String) throws {
        let error = try #require(F.parseError(arguments))
        #expect(error.contains(message), "\(error)")
    }

    @Test("signs the published get-vanilla case to its published signature")
    func signsGetVanilla() throws {
        let out = try F.sign(F.credentialArguments + ["--service", "service", "--time", F.time], F.getVanilla)
        #expect(out.exitCode == 0)
        #expect(out.stderr.isEmpty)
        #expect(
            out.text == """
                GET / HTTP/1.1
                Host:example.amazonaws.com
                X-Amz-Date:20150830T123600Z
                Authorization:AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
                SignedHeaders=host;x-amz-date, Signature=\(F.getVanillaSignature)


                """)
    }

    @Test("uses the given clock when --time is absent")
    func defaultTime() throws {
        let out = try F.sign(F.credentialArguments + ["--service", "service"], F.getVanilla, now: F.signingTime)
        #expect(out.text.contains("Signature=\(F.getVanillaSignature)"))
    }

    @Test("--explain writes the labelled stages to standard error and only the request to standard output")
    func explain() throws {
        let out = try F.sign(
            F.credentialArguments + ["--service", "service", "--time", F.time, "--explain"], F.getVanilla)
        #expect(
            out.stderr == """
                --- canonical request
                GET
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                --- string to sign
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/service/aws4_request
                bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63
                --- signature
                \(F.getVanillaSignature)

                """)
        #expect(out.text.hasPrefix("GET / HTTP/1.1\n"))
        #expect(!out.text.contains("---"))
    }

    @Test("--json prints the stages and the signed request as one object")
    func json() throws {
        let out = try F.sign(
            F.credentialArguments + ["--service", "service", "--time", F.time, "--json"], F.getVanilla)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any])
        #expect(object["signature"] as? String == F.getVanillaSignature)
        #expect(object["credential_scope"] as? String == "20150830/us-east-1/service/aws4_request")
        #expect(object["signed_headers"] as? String == "host;x-amz-date")
        #expect((object["canonical_request"] as? String)?.hasPrefix("GET\n/\n\nhost:example.amazonaws.com\n") == true)
        #expect((object["string_to_sign"] as? String)?.hasPrefix("AWS4-HMAC-SHA256\n20150830T123600Z\n") == true)
        #expect((object["signed_request"] as? String)?.contains("Authorization:AWS4-HMAC-SHA256") == true)
        #expect(object["url"] == nil)
    }

    @Test("--presign puts the signature in the query and adds no header")
    func presign() throws {
        let out = try F.sign(
            F.credentialArguments + ["--service", "service", "--time", F.time, "--presign", "3600", "--json"],
            F.getVanilla)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any])
        let signed = try #require(object["signed_request"] as? String)
        let request = try RawHTTPRequest.parse(signed)
        #expect(request.headers == [HTTPHeader("Host", "example.amazonaws.com")])
        for parameter in ["X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Expires=3600", "X-Amz-SignedHeaders=host"] {
            #expect(request.query.contains(parameter), "\(request.query)")
        }
        // The published query-mode signature of get-vanilla.
        #expect(object["signature"] as? String == "e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d")
        let url = try #require(object["url"] as? String)
        #expect(url.hasPrefix("https://example.amazonaws.com/?X-Amz-Algorithm="))
        #expect(object["authorization"] == nil)
    }

    @Test("--presign refuses a request that is already presigned")
    func presignTwice() throws {
        let first = try F.sign(
            F.credentialArguments + ["--service", "service", "--time", F.time, "--presign", "60"], F.getVanilla)
        #expect(throws: CLIError.self) {
            try F.sign(F.credentialArguments + ["--service", "service", "--presign", "60"], first.text)
        }
    }

    @Test("credentials come from the environment when not given")
    func environmentCredentials() throws {
        let environment = [
            "AWS_ACCESS_KEY_ID": F.accessKeyID, "AWS_SECRET_ACCESS_KEY": F.secret, "AWS_SESSION_TOKEN": "tok",
        ]
        let out = try F.sign(["--service", "service", "--time", F.time], F.getVanilla, environment: environment)
        let request = try RawHTTPRequest.parse(out.stdout)
        #expect(request.header("X-Amz-Security-Token") == "tok")
        #expect(request.header("Authorization")?.contains("Credential=AKIDEXAMPLE/") == true)
        #expect(request.header("Authorization")?.contains("x-amz-security-token") == true)
    }

    @Test("an explicit access key ID is never paired with the environment's session token")
    func explicitKeyIgnoresEnvironmentToken() throws {
        let environment = ["AWS_SECRET_ACCESS_KEY": F.secret, "AWS_SESSION_TOKEN": "someone-else"]
        let out = try F.sign(
            ["--access-key-id", "AKIDOTHER", "--service", "service", "--time", F.time], F.getVanilla,
            environment: environment)
        #expect(try RawHTTPRequest.parse(out.stdout).header("X-Amz-Security-Token") == nil)
    }

    @Test("missing credentials name the option and the variable")
    func missingCredentials() throws {
        let error = try #require(throws: CLIError.self) {
            try F.sign(["--access-key-id", F.accessKeyID, "--service", "service"], F.getVanilla)
        }
        #expect(error.description.contains("--secret-access-key"))
        #expect(error.description.contains("AWS_SECRET_ACCESS_KEY"))
        let noKey = try #require(throws: CLIError.self) { try F.sign(["--service", "service"], F.getVanilla) }
        #expect(noKey.description.contains("AWS_ACCESS_KEY_ID"))
    }

    @Test(
        "never prints the secret access key",
        arguments: [[], ["--explain"], ["--json"], ["--presign", "60", "--json"]])
    func neverPrintsSecret(_ extra: [String]) throws {
        let out = try F.sign(F.credentialArguments + ["--service", "sts", "--time", F.time] + extra, F.assumeRole)
        #expect(!out.text.contains(F.secret))
        #expect(!out.stderr.contains(F.secret))
    }

    @Test(
        "malformed input gives a clear error, not a crash",
        arguments: [
            ("", "the input is empty"),
            ("\n\n", "the input is empty"),
            ("GET\nHost:x\n\n", "request line has no target"),
            ("GET / HTTP/1.1\nHost example.com\n\n", "header line without a colon"),
            ("GET / HTTP/1.1\n continued\nHost:x\n\n", "continuation line before any header"),
            ("GET / HTTP/1.1\nX-Other:1\n\n", "no Host header"),
        ])
    func malformedInput(_ input: String, _ message: String) throws {
        let error = try #require(throws: CLIError.self) {
            try F.sign(F.credentialArguments + ["--service", "sts"], input)
        }
        #expect(error.description.contains(message), "\(error)")
    }

    @Test("warns on standard error when Content-Length disagrees with the body")
    func contentLengthWarning() throws {
        let out = try F.sign(F.credentialArguments + ["--service", "sts", "--time", F.time], F.assumeRole + "\n")
        #expect(
            out.stderr.contains("Content-Length is 138 but the body has 139 bytes (does the file end with a newline?)"))
        let clean = try F.sign(F.credentialArguments + ["--service", "sts", "--time", F.time], F.assumeRole)
        #expect(clean.stderr.isEmpty)
    }

    @Test("--sigv4a signs with ECDSA over the region set")
    func sigV4a() throws {
        let out = try F.sign(
            F.credentialArguments + ["--service", "service", "--region", "*", "--sigv4a", "--time", F.time, "--json"],
            F.getVanilla)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any])
        #expect(object["algorithm"] as? String == "AWS4-ECDSA-P256-SHA256")
        #expect(object["credential_scope"] as? String == "20150830/service/aws4_request")
        #expect(object["signed_headers"] as? String == "host;x-amz-date;x-amz-region-set")
        #expect((object["signed_request"] as? String)?.contains("X-Amz-Region-Set:*\n") == true)
        // A DER ECDSA-Sig-Value: SEQUENCE { INTEGER r, INTEGER s }. Each integer is 1...33 bytes (a leading
        // zero byte only when the top bit is set), so the hex length varies from signature to signature.
        let signature = try #require(object["signature"] as? String)
        let der = bytes(hex: signature)
        #expect(der.count >= 8 && der.count <= 72)
        #expect(der[0] == 0x30 && Int(der[1]) == der.count - 2)
        #expect(der[2] == 0x02 && (1...33).contains(Int(der[3])))
        let sOffset = 4 + Int(der[3])
        #expect(der[sOffset] == 0x02 && sOffset + 2 + Int(der[sOffset + 1]) == der.count)
    }

    @Test("--unsigned-payload signs UNSIGNED-PAYLOAD and sends it in x-amz-content-sha256")
    func unsignedPayload() throws {
        let out = try F.sign(
            F.credentialArguments + ["--service", "bedrock", "--time", F.time, "--unsigned-payload", "--json"],
            F.invokeModel)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any])
        #expect((object["canonical_request"] as? String)?.hasSuffix("\nUNSIGNED-PAYLOAD") == true)
        #expect((object["signed_request"] as? String)?.contains("x-amz-content-sha256:UNSIGNED-PAYLOAD\n") == true)
    }

    @Test("s3 keeps the path as sent; other services double-encode it")
    func s3Rules() throws {
        let request = "GET /a%3Ab/./c HTTP/1.1\nHost:bucket.s3.amazonaws.com\n\n"
        let s3 = try F.sign(F.credentialArguments + ["--service", "s3", "--time", F.time, "--json"], request)
        let other = try F.sign(F.credentialArguments + ["--service", "bedrock", "--time", F.time, "--json"], request)
        let canonicalURI = { (out: CommandOutput) throws -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any])
            return try #require((object["canonical_request"] as? String)?.split(separator: "\n").dropFirst().first)
                .description
        }
        #expect(try canonicalURI(s3) == "/a%3Ab/./c")
        #expect(try canonicalURI(other) == "/a%253Ab/c")
    }

    @Test("--crlf writes CRLF line ends")
    func crlf() throws {
        let out = try F.sign(
            F.credentialArguments + ["--service", "service", "--time", F.time, "--crlf"], F.getVanilla)
        #expect(out.text.hasPrefix("GET / HTTP/1.1\r\nHost:example.amazonaws.com\r\n"))
        #expect(out.text.hasSuffix("\r\n\r\n"))
    }
}
