import ArgumentParser
import Foundation
import SigV4

extension Roleplay {
    /// `roleplay sign`: a raw HTTP request in, the same request signed with SigV4 or SigV4a out.
    ///
    /// The signed request goes to standard output, so it can be piped on (`| roleplay verify …`). With
    /// `--explain` the stages (canonical request, string to sign, signature) go to standard error, in the
    /// labelled form `roleplay verify --expected-canonical` reads back. `--json` puts everything on
    /// standard output as one JSON object instead. The secret access key is never printed.
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a raw HTTP request with SigV4 or SigV4a.",
            discussion: """
                Reads an HTTP/1.1 request (request line, headers, an empty line, the body) from FILE or standard \
                input and writes it signed to standard output: in the Authorization header, or as a presigned \
                query string with --presign. The body is every byte after the empty line. Credentials default \
                to AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (the token only when the \
                access key ID comes from the environment too).
                """)

        @Argument(help: "The raw HTTP request; '-' or nothing reads standard input.")
        var file: String?

        @Option(name: .customLong("access-key-id"), help: "Access key ID (default: $AWS_ACCESS_KEY_ID).")
        var accessKeyID: String?

        @Option(name: .customLong("secret-access-key"), help: "Secret access key (default: $AWS_SECRET_ACCESS_KEY).")
        var secretAccessKey: String?

        @Option(
            name: .customLong("session-token"),
            help: "Session token of temporary credentials (default: $AWS_SESSION_TOKEN with an environment key).")
        var sessionToken: String?

        @Option(help: "Region of the credential scope; with --sigv4a the region set (may be '*').")
        var region: String = "us-east-1"

        @Option(help: "Signing name of the service (sts, iam, bedrock, cloudtrail, s3…); s3 selects S3's rules.")
        var service: String

        @Option(help: "Signing time: 20150830T123600Z or 2015-08-30T12:36:00Z.")
        var time: TimeArgument?

        @Option(
            name: .customLong("presign"),
            help: ArgumentHelp("Presign for this many seconds (1…604800).", valueName: "seconds"))
        var presignSeconds: Int?

        @Flag(help: "Sign with SigV4a (AWS4-ECDSA-P256-SHA256); --region is the region set.")
        var sigv4a = false

        @Flag(help: "Sign UNSIGNED-PAYLOAD instead of the body's hash (adds x-amz-content-sha256 in header mode).")
        var unsignedPayload = false

        @Flag(
            name: .customLong("content-sha256"), help: "Add and sign an x-amz-content-sha256 header (always on for s3)."
        )
        var contentSHA256 = false

        @Flag(help: "Do not normalize the path ('.', '..', '//') before encoding (S3 never does).")
        var noNormalize = false

        @Flag(help: "Print the canonical request, string to sign and signature to standard error.")
        var explain = false

        @Flag(help: "Print one JSON object (stages and signed request) instead of the signed request.")
        var json = false

        @Flag(help: "Write the signed request with CRLF line ends, as on the wire.")
        var crlf = false

        func validate() throws {
            if let presignSeconds, !(1...604_800).contains(presignSeconds) {
                throw ValidationError("--presign must be between 1 and 604800 seconds (7 days), got \(presignSeconds)")
            }
            guard !service.isEmpty, !service.contains("/") else {
                throw ValidationError("--service must be a signing name such as sts, iam, bedrock")
            }
            guard !region.isEmpty, !region.contains("/") else {
                throw ValidationError("--region must be a region such as us-east-1")
            }
            if region == "*", !sigv4a {
                throw ValidationError("--region '*' is a SigV4a region set: add --sigv4a")
            }
        }

        func run() throws {
            let input = try InputSource.read(file)
            try execute(input: input, environment: ProcessInfo.processInfo.environment, now: AmzDate(Date())).emit()
        }

        /// Signs `input` and returns what the command prints.
        ///
        /// - Parameters:
        ///   - environment: where credentials not given as options come from.
        ///   - now: the signing time when `--time` is not given.
        /// - Throws: `CLIError` for a malformed request or missing credentials.
        func execute(input: [UInt8], environment: [String: String], now: AmzDate) throws -> CommandOutput {
            var request = try RequestInput.parse(input)
            guard request.header("Host") != nil else {
                throw CLIError("the request has no Host header: SigV4 signs it, and every AWS endpoint requires it")
            }
            if presignSeconds != nil {
                let query = request.query.lowercased()
                if query.contains("x-amz-signature=") || query.contains("x-amz-credential=") {
                    throw CLIError(
                        "the request is already presigned (its query has X-Amz-Signature or X-Amz-Credential)")
                }
            }
            request.removeHeader("Authorization")
            let signer = Signer(
                credentials: try credentials(environment), region: region, service: service,
                algorithm: sigv4a ? .ecdsaP256SHA256 : .hmacSHA256, options: options)
            let at = time?.date ?? now
            let signed: SignedRequest
            do {
                if let presignSeconds {
                    signed = try signer.presign(request, at: at, expires: presignSeconds)
                } else {
                    signed = try signer.sign(request, at: at)
                }
            } catch {
                throw CLIError("signing failed: \(error)")
            }

            var out = CommandOutput()
            if let warning = RequestInput.contentLengthWarning(request) { out.note(warning) }
            let wire = RawHTTPRequest.serialize(signed.request, lineEnd: crlf ? "\r\n" : "\n")
            if json {
                out.line(try JSONOutput.encode(Report(signed, wire: wire, presigned: presignSeconds != nil)))
                return out
            }
            if explain {
                out.stderr += ExplainSections.render([
                    (ExplainSections.canonicalRequest, signed.canonicalRequest),
                    (ExplainSections.stringToSign, signed.stringToSign),
                    (ExplainSections.signature, signed.signature),
                ])
            }
            out.stdout = wire
            return out
        }

        /// The canonicalization rules: the service's (S3 differs), adjusted by the flags.
        var options: SigningOptions {
            var o = SigningOptions.forService(service)
            if noNormalize { o.normalizePath = false }
            if unsignedPayload { o.payload = .unsigned }
            o.addContentSHA256Header = contentSHA256 || unsignedPayload || service == "s3"
            return o
        }

        /// The credentials from the options, falling back to the environment.
        ///
        /// The session token comes from `AWS_SESSION_TOKEN` only when the access key ID comes from
        /// `AWS_ACCESS_KEY_ID` too, so an explicit key is never paired with another identity's token.
        func credentials(_ environment: [String: String]) throws -> Credentials {
            let env = { (name: String) in CredentialEnvironment.value(name, in: environment) }
            guard let keyID = accessKeyID ?? env(CredentialEnvironment.accessKeyID) else {
                throw CLIError("no access key ID: pass --access-key-id or set \(CredentialEnvironment.accessKeyID)")
            }
            guard let secret = secretAccessKey ?? env(CredentialEnvironment.secretAccessKey) else {
                throw CLIError(
                    "no secret access key: pass --secret-access-key or set \(CredentialEnvironment.secretAccessKey)")
            }
            let token = sessionToken ?? (accessKeyID == nil ? env(CredentialEnvironment.sessionToken) : nil)
            return Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token)
        }

        /// The `--json` object. Keys are written in snake_case.
        struct Report: Encodable {
            var algorithm: String
            var credentialScope: String
            var signedHeaders: String
            var canonicalRequest: String
            var stringToSign: String
            var signature: String
            var authorization: String?
            /// `https://host/path?query` of a presigned request.
            var url: String?
            var signedRequest: String

            init(_ signed: SignedRequest, wire: [UInt8], presigned: Bool) {
                algorithm = signed.algorithm.wireName
                credentialScope = signed.scope.description
                signedHeaders = signed.canonical.signedHeaders
                canonicalRequest = signed.canonicalRequest
                stringToSign = signed.stringToSign
                signature = signed.signature
                authorization = signed.authorizationHeader
                url = presigned ? signed.request.header("Host").map { "https://\($0)\(signed.request.target)" } : nil
                signedRequest = String(decoding: wire, as: UTF8.self)
            }
        }
    }
}
