import Foundation
import RoleplayCrypto
import SigV4

/// Turns session claims into an opaque token and back, and derives each temporary key's secret.
///
/// Token = base64(version ‖ claims ‖ HMAC-SHA256(tokenKey, accessKeyID ‖ version ‖ claims)). Binding the
/// access key ID into the MAC means a token only works with the key it was issued with. The secret access key
/// of a temporary key is HMAC(secretKey, accessKeyID), cut to AWS's 40-character form, so it need not be stored.
/// Both keys come from the emulator's ID generator (secure random, or the `--seed`), and change on reset.
struct SessionTokenCodec: Sendable {
    private let tokenKey: HMACKey
    private let secretKey: HMACKey
    private static let version: UInt8 = 1
    /// Far above any real token (a 2,048-character session policy and 50 tags fit easily); anything larger
    /// is rejected before decoding.
    static let maxTokenBytes = 16 << 10

    /// The 64 bytes both keys come from (the journal keeps them, so tokens outlive a restart).
    let material: [UInt8]

    init(keyMaterial: [UInt8]) {
        precondition(keyMaterial.count >= 64)
        material = keyMaterial
        tokenKey = HMACKey(keyMaterial[0..<32])
        secretKey = HMACKey(keyMaterial[32..<64])
    }

    /// New key material from this one and a number: a seeded emulator's next generation of keys, which must
    /// differ from the last (old tokens stop working) yet be the same in every run.
    func keyMaterial(mixing generation: UInt64) -> [UInt8] {
        let key = HMACKey(material)
        let counter = (0..<8).map { UInt8(truncatingIfNeeded: generation >> (8 * $0)) }
        return key.authenticationCode(for: counter + [1]).bytes + key.authenticationCode(for: counter + [2]).bytes
    }

    /// The secret access key that goes with a temporary access key ID.
    func secret(for accessKeyID: String) -> String {
        let mac = secretKey.authenticationCode(for: Array(accessKeyID.utf8))
        let text = Data(mac.bytes).base64EncodedString()
        return String(text.prefix(40))
    }

    func encode(_ claims: SessionClaims, accessKeyID: String) -> String {
        var writer = BinaryWriter(bytes: [Self.version])
        claims.write(to: &writer)
        let payload = writer.bytes
        let mac = authenticationCode(payload, accessKeyID: accessKeyID)
        return Data(payload + mac.bytes).base64EncodedString()
    }

    /// The claims, or nil when the token is malformed, forged, or belongs to another key.
    func decode(_ token: String, accessKeyID: String) -> SessionClaims? {
        guard token.utf8.count <= Self.maxTokenBytes, let data = Data(base64Encoded: token), data.count > 33 else {
            return nil
        }
        let bytes = [UInt8](data)
        let payload = Array(bytes[..<(bytes.count - 32)])
        let mac = authenticationCode(payload, accessKeyID: accessKeyID)
        guard ConstantTime.equals(mac.bytes, Array(bytes[(bytes.count - 32)...])), payload.first == Self.version else {
            return nil
        }
        var reader = BinaryReader(bytes: payload, position: 1)
        return SessionClaims(reading: &reader)
    }

    private func authenticationCode(_ payload: [UInt8], accessKeyID: String) -> SHA256Digest {
        var mac = HMACSHA256(key: tokenKey)
        mac.update(Array(accessKeyID.utf8))
        mac.update([0])
        mac.update(payload)
        return mac.finalize()
    }
}
