import ArgumentParser
import Foundation
import SigV4

extension Roleplay {
    /// `roleplay verify`: checks a signed request as the emulator's verifier would, and explains a failure.
    ///
    /// A valid request prints `valid` and who signed it; an invalid one prints AWS's error code, status and
    /// message for the chosen protocol and, for a signature mismatch, the server's canonical request and
    /// string to sign, plus a line-by-line comparison with the client's canonical request when
    /// `--expected-canonical` names it. The exit code is 0 only for a valid request.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a SigV4/SigV4a-signed request and explain why it fails.",
            discussion: """
                Reads a signed HTTP/1.1 request (or a presigned https:// URL) from FILE or standard input. \
                Checks, in this order: the Authorization header or presigned query is complete, the scope \
                date equals the X-Amz-Date date, the scope ends in aws4_request, the request time is within \
                --clock-skew of --time (a presigned URL: not after X-Amz-Date + X-Amz-Expires), the access key \
                is known, then re-signs and compares in constant time. Exit code 0 when valid, 1 otherwise.
                """)

        @Argument(help: "The signed request; '-' or nothing reads standard input.")
        var file: String?

        @Option(name: .customLong("secret-access-key"), help: "Secret access key (default: $AWS_SECRET_ACCESS_KEY).")
        var secretAccessKey: String?

        @Option(name: .customLong("access-key-id"), help: "Accept only this access key ID (default: any).")
        var accessKeyID: String?

        @Option(help: "Server time: 20150830T123600Z or 2015-08-30T12:36:00Z.")
        var time: TimeArgument?

        @Option(help: ArgumentHelp("Allowed distance between request time and server time.", valueName: "seconds"))
        var clockSkew: Int = 900

        @Option(
            name: .customLong("protocol"),
            help: "Protocol whose error codes to report: query (STS, IAM), json (CloudTrail), rest-json (Bedrock).")
        var wireProtocol: ProtocolArgument = .query

        @Option(
            help: ArgumentHelp(
                "The client's canonical request (bare, or the output of 'roleplay sign --explain'), compared "
                    + "line by line on a mismatch.",
                valueName: "file"))
        var expectedCanonical: String?

        @Flag(
            help: "Do not normalize the path before encoding (what S3 does; the default follows the scope's service).")
        var noNormalize = false

        @Flag(help: "Print one JSON object instead of text.")
        var json = false

        func validate() throws {
            guard (0...604_800).contains(clockSkew) else {
                throw ValidationError("--clock-skew must be between 0 and 604800 seconds, got \(clockSkew)")
            }
        }

        func run() throws {
            let input = try InputSource.read(file)
            let expected = try expectedCanonical.map { String(decoding: try InputSource.read($0), as: UTF8.self) }
            try execute(
                input: input, expectedCanonical: expected, environment: ProcessInfo.processInfo.environment,
                now: AmzDate(Date())
            ).emit()
        }

        /// Verifies `input` and returns what the command prints.
        ///
        /// - Parameters:
        ///   - expectedCanonical: the text of the `--expected-canonical` file, if any.
        ///   - environment: where the secret comes from when `--secret-access-key` is not given.
        ///   - now: the server time when `--time` is not given.
        /// - Throws: `CLIError` for input that is not an HTTP request or a missing secret.
        func execute(input: [UInt8], expectedCanonical: String? = nil, environment: [String: String], now: AmzDate)
            throws -> CommandOutput
        {
            let request = try RequestInput.parse(input)
            guard
                let secret = secretAccessKey
                    ?? CredentialEnvironment.value(CredentialEnvironment.secretAccessKey, in: environment)
            else {
                throw CLIError(
                    "no secret access key: pass --secret-access-key or set \(CredentialEnvironment.secretAccessKey)")
            }
            let serverTime = time?.date ?? now
            let verdict = verifier(secret: secret, for: request).verify(request, now: serverTime)
            let result = Report(verdict, expectedCanonical: expectedCanonical, protocol: wireProtocol)

            var out = CommandOutput()
            if let warning = RequestInput.contentLengthWarning(request) { out.note(warning) }
            if expectedCanonical != nil, result.diff == nil {
                out.note("note: --expected-canonical is only compared when the signature does not match")
            }
            if json {
                out.line(try JSONOutput.encode(result))
            } else {
                result.render(into: &out, serverTime: serverTime, clockSkew: clockSkew)
            }
            out.exitCode = result.valid ? 0 : 1
            return out
        }

        /// A verifier that knows one secret (for one access key ID, or any).
        func verifier(secret: String, for request: SigV4Request) -> Verifier {
            var options: SigningOptions? = nil
            if noNormalize {
                let service = (try? SignatureParameters.parse(request))?.scope.service ?? ""
                var o = SigningOptions.forService(service)
                o.normalizePath = false
                options = o
            }
            let only = accessKeyID
            return Verifier(clockSkew: Int64(clockSkew), options: options) { id in
                only == nil || id == only ? secret : nil
            }
        }

        /// The verdict as `verify` reports it (and as its `--json` object, keys in snake_case).
        struct Report: Encodable {
            var valid: Bool
            // Valid requests.
            var accessKeyID: String?
            var algorithm: String?
            var credentialScope: String?
            var signedHeaders: [String]?
            var requestTime: String?
            var expiresSeconds: Int?
            var regionSet: String?
            var sessionToken: Bool?
            // Invalid requests.
            var code: String?
            var httpStatus: Int?
            var message: String?
            var serverCanonicalRequest: String?
            var serverStringToSign: String?
            var diff: [CanonicalRequestDiff.Line]?
            var firstDifference: String?
            var stringToSignDiffers: Bool?

            init(_ verdict: Verifier.Verdict, expectedCanonical: String?, protocol wireProtocol: ProtocolArgument) {
                switch verdict {
                case .valid(let p):
                    valid = true
                    accessKeyID = p.accessKeyID
                    algorithm = p.algorithm.wireName
                    credentialScope = p.scope.description
                    signedHeaders = p.signedHeaders
                    requestTime = p.date.amzFormat
                    if case .query(let expires) = p.placement { expiresSeconds = expires }
                    regionSet = p.regionSet
                    sessionToken = p.sessionToken != nil
                case .invalid(let failure):
                    valid = false
                    let wire = failure.wireError(for: wireProtocol.wireProtocol)
                    code = wire.code
                    httpStatus = wire.status
                    message = wire.message
                    if case .signatureMismatch(let canonical, let sts) = failure {
                        serverCanonicalRequest = canonical
                        serverStringToSign = sts
                        if let expectedCanonical {
                            let sections = ExplainSections.parse(expectedCanonical)
                            let clientCanonical = sections?[ExplainSections.canonicalRequest] ?? expectedCanonical
                            let d = CanonicalRequestDiff(expected: clientCanonical, received: canonical)
                            diff = d.lines
                            firstDifference = d.summary
                            if let clientSTS = sections?[ExplainSections.stringToSign] {
                                stringToSignDiffers = clientSTS != sts
                            }
                        }
                    }
                }
            }

            /// The human-readable report.
            func render(into out: inout CommandOutput, serverTime: AmzDate, clockSkew: Int) {
                if valid {
                    out.line("valid")
                    out.line("  access key ID:  \(accessKeyID ?? "")")
                    out.line("  algorithm:      \(algorithm ?? "")")
                    out.line("  scope:          \(credentialScope ?? "")")
                    if let regionSet { out.line("  region set:     \(regionSet)") }
                    out.line("  signed headers: \((signedHeaders ?? []).joined(separator: ";"))")
                    if let expiresSeconds {
                        out.line("  presigned:      at \(requestTime ?? ""), valid for \(expiresSeconds) s")
                    } else {
                        let window = "(server time \(serverTime), window ±\(clockSkew) s)"
                        out.line("  signed at:      \(requestTime ?? "") \(window)")
                    }
                    if sessionToken == true { out.line("  session token:  present") }
                    return
                }
                out.line("invalid")
                out.line("  code:    \(code ?? "")")
                out.line("  status:  \(httpStatus ?? 0)")
                out.line("  message: \(message ?? "")")
                guard let serverCanonicalRequest, let serverStringToSign else { return }
                out.line()
                out.line(ExplainSections.header("server canonical request"))
                out.line(serverCanonicalRequest)
                out.line(ExplainSections.header("server string to sign"))
                out.line(serverStringToSign)
                guard let diff, let firstDifference else {
                    out.line()
                    out.line(
                        "hint: pass --expected-canonical FILE (the client's canonical request, e.g. the standard "
                            + "error of 'roleplay sign --explain') to see which line differs")
                    return
                }
                out.line(ExplainSections.header("canonical request diff (-: client, expected; +: server, received)"))
                for line in diff { out.line(line.marked) }
                out.line()
                out.line(firstDifference)
                if stringToSignDiffers == true, diff.allSatisfy({ $0.kind == .same }) {
                    out.line("The client's string to sign differs from the server's: compare X-Amz-Date and the scope.")
                }
            }
        }
    }
}
