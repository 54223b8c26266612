import AWSWire
import ConnectorKit
import Foundation
import SigV4
import TestSupport
import Testing

/// ConnectorKit's wire requests verified by botocore's signer, an implementation we did not write: each request
/// of `ConnectorKitSigningCorpus` is re-signed by `SigV4Auth` over the same headers, and the signatures must be
/// equal. The interpreter is `ROLEPLAY_BOTOCORE_PYTHON` (`make test` points it at the clients venv, which pins
/// botocore), else `python3`; without botocore the test fails rather than skips.
@Suite("ConnectorKit's signatures, checked by botocore")
struct ConnectorKitBotocoreParityTests {
    static let script = RepositoryFiles.url("scripts/botocore-verify-signatures.py")

    struct WireRequest: Encodable {
        var name: String
        var method: String
        var url: String
        var headers: [[String]]
        var body_base64: String
        var access_key: String
        var secret_key: String
        var session_token: String?
        var region: String
        var service: String
        var amz_date: String
    }

    struct Corpus: Encodable {
        var source: String
        var requests: [WireRequest]
    }

    struct Verdict: Decodable {
        var name: String
        var signature: String
        var signed_headers: String
    }

    struct Verdicts: Decodable { var results: [Verdict] }

    @Test("botocore computes the signature ConnectorKit sent, for every request of the corpus")
    func botocoreAgrees() async throws {
        let entries = try ConnectorKitSigningCorpus.entries()
        var requests: [WireRequest] = []
        var sent: [String: (signature: String, signedHeaders: String)] = [:]
        for entry in entries {
            let wire = try await ConnectorKitSigningCorpus.wire(entry)
            let authorization = try unwrap(
                wire.headers.first { $0.name == "Authorization" }?.value, "\(entry.name): Authorization")
            sent[entry.name] = (
                try unwrap(Self.parameter("Signature", in: authorization), "Signature"),
                try unwrap(Self.parameter("SignedHeaders", in: authorization), "SignedHeaders")
            )
            let credentials = entry.credentials.value.credentials
            let endpoint = wire.endpoint
            requests.append(
                WireRequest(
                    name: entry.name, method: wire.method, url: wire.url, headers: wire.headers.map { [$0.name, $0.value] },
                    body_base64: Data(wire.body).base64EncodedString(), access_key: credentials.accessKeyID,
                    secret_key: credentials.secretAccessKey, session_token: credentials.sessionToken,
                    region: endpoint.signingRegion, service: endpoint.signingName,
                    amz_date: ConnectorKitSigningCorpus.amzDate))
        }
        let input = try JSONEncoder().encode(Corpus(source: ConnectorKitSigningCorpus.source, requests: requests))
        let output = try Self.runBotocore(input)
        let verdicts = try JSONDecoder().decode(Verdicts.self, from: output).results
        #expect(verdicts.count == entries.count)
        for verdict in verdicts {
            let ours = try unwrap(sent[verdict.name], verdict.name)
            #expect(verdict.signed_headers == ours.signedHeaders, "\(verdict.name): signed headers")
            #expect(verdict.signature == ours.signature, "\(verdict.name): signature")
        }
    }

    @Test("the corpus says where it came from and covers every service")
    func provenanceAndCoverage() throws {
        #expect(ConnectorKitSigningCorpus.source.contains("botocore"))
        let services = Set(try ConnectorKitSigningCorpus.entries().map(\.service))
        #expect(services == Set(AWSService.allCases))
    }

    /// `name=value` from an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header.
    static func parameter(_ name: String, in authorization: String) -> String? {
        authorization.split(separator: " ", maxSplits: 1).last?.split(separator: ",").lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix(name + "=") }
            .map { String($0.dropFirst(name.count + 1)) }
    }

    /// Runs the script with `input` on stdin; its stdout. Fails with what to do when botocore is missing.
    static func runBotocore(_ input: Data) throws -> Data {
        let environment = ProcessInfo.processInfo.environment
        let python = environment["ROLEPLAY_BOTOCORE_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = try unwrap(executable(python, path: environment["PATH"] ?? ""), "interpreter \(python)")
        process.arguments = [script.path]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 {
            throw CorpusError(
                "\(python) cannot import botocore (\(errors.trimmingCharacters(in: .whitespacesAndNewlines))): "
                    + "run `make test`, which builds the clients venv and sets ROLEPLAY_BOTOCORE_PYTHON")
        }
        guard process.terminationStatus == 0 else {
            throw CorpusError("\(script.lastPathComponent) exited with \(process.terminationStatus): \(errors)")
        }
        return output
    }

    /// `name` itself when it is a path, else the first executable of that name on `path`.
    static func executable(_ name: String, path: String) -> URL? {
        if name.contains("/") { return URL(filePath: name) }
        return path.split(separator: ":").lazy.map { URL(filePath: String($0)).appending(path: name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
