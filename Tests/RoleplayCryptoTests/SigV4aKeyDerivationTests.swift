import TestSupport
import RoleplayCrypto
import Testing

/// A SigV4a key-derivation vector: a credential pair and the P-256 key it must give.
struct SigV4aKeyVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let source: String
    let accessKeyID: String
    let secretAccessKey: String
    let privateKeyHex: String
    let publicXHex: String
    let publicYHex: String

    enum CodingKeys: String, CodingKey {
        case name, source
        case accessKeyID = "access_key_id"
        case secretAccessKey = "secret_access_key"
        case privateKeyHex = "private_key_hex"
        case publicXHex = "public_x_hex"
        case publicYHex = "public_y_hex"
    }

    static let file = "vectors/crypto/sigv4a-key-derivation.json"
    static func all() throws -> [SigV4aKeyVector] { try VectorFile<SigV4aKeyVector>.load(file).cases }

    var testDescription: String { "\(name) (\(accessKeyID))" }
}

@Suite("SigV4a key derivation")
struct SigV4aKeyDerivationTests {
    @Test("the vector file names aws-c-auth's key derivation tests")
    func provenance() throws {
        let file = try VectorFile<SigV4aKeyVector>.load(SigV4aKeyVector.file)
        #expect(file.source.contains("key_derivation_tests.c"))
        #expect(file.cases.count == 2)
    }

    @Test("the derived private scalar and public point are the published ones", arguments: try SigV4aKeyVector.all())
    func derivesPublishedKey(_ v: SigV4aKeyVector) throws {
        let key = try P256PrivateKey.sigV4a(accessKeyID: v.accessKeyID, secretAccessKey: v.secretAccessKey)
        #expect(hexString(key.scalar) == v.privateKeyHex)
        #expect(hexString(key.publicKey.x) == v.publicXHex)
        #expect(hexString(key.publicKey.y) == v.publicYHex)
    }

    @Test(
        "a signature by the derived key verifies under the published public key", arguments: try SigV4aKeyVector.all())
    func signsForPublishedKey(_ v: SigV4aKeyVector) throws {
        let key = try P256PrivateKey.sigV4a(accessKeyID: v.accessKeyID, secretAccessKey: v.secretAccessKey)
        let published = try P256PublicKey(x: bytes(hex: v.publicXHex), y: bytes(hex: v.publicYHex))
        let message = Array("AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n20150830/service/aws4_request\n".utf8)
        #expect(published.isValidSignature(try key.signature(for: message), for: message))
    }

    @Test("derivation is deterministic and depends on both the access key ID and the secret")
    func dependsOnBothHalves() throws {
        let a = try P256PrivateKey.sigV4a(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")
        let again = try P256PrivateKey.sigV4a(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")
        let otherID = try P256PrivateKey.sigV4a(accessKeyID: "AKIDEXAMPLF", secretAccessKey: "secret")
        let otherSecret = try P256PrivateKey.sigV4a(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secreu")
        #expect(a.scalar == again.scalar)
        #expect(a.scalar != otherID.scalar)
        #expect(a.scalar != otherSecret.scalar)
    }
}
