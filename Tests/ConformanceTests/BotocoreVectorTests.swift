import TestSupport
import SigV4Vectors
import Testing

/// Our own vectors: requests shaped like the emulator's traffic, signed by botocore (vectors/sigv4/).
@Suite("Our SigV4 vectors, signed by botocore")
struct BotocoreVectorTests {
    static let file = RepositoryFiles.url("vectors/sigv4/botocore-vectors.json")

    static func cases() throws -> [BotocoreVector] { try BotocoreVector.load(file).cases }

    @Test("the file says where it came from and holds at least 200 cases")
    func provenanceAndSize() throws {
        let (source, cases) = try BotocoreVector.load(Self.file)
        #expect(source.contains("botocore"))
        #expect(cases.count >= 200)
    }

    @Test("our signer reproduces botocore byte for byte", arguments: try cases())
    func signerMatchesBotocore(_ v: BotocoreVector) {
        let failures = v.signerFailures()
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("our verifier accepts botocore's signature, and only with the right secret", arguments: try cases())
    func verifierAcceptsBotocore(_ v: BotocoreVector) {
        let failures = v.verifierFailures()
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
