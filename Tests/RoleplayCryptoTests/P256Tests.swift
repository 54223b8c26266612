import TestSupport
import RoleplayCrypto
import Testing

/// Fixed numbers of P-256 (SEC 2 / FIPS 186-4 D.1.2.3), big-endian hex.
enum P256Curve {
    static let n = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
    static let p = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
    static let gx = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
    static let gy = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"
    /// p − Gy: the y of −G = (n − 1)·G.
    static let minusGy = "b01cbd1c01e58065711814b583f061e9d431cca994cea1313449bf97c840ae0a"
    /// 2·G.
    static let twoGx = "7cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978"
    static let twoGy = "07775510db8ed040293d9ac69f7430dbba7dade63ce982299e04b79d227873d1"

    /// `value` (32 bytes, big-endian) plus a small delta, wrapping like the 256-bit integer it is.
    static func adding(_ delta: Int, to hex: String) -> [UInt8] {
        var out = bytes(hex: hex)
        var carry = delta
        var i = 31
        while carry != 0, i >= 0 {
            let sum = Int(out[i]) + carry
            out[i] = UInt8(truncatingIfNeeded: sum)
            carry = sum >> 8
            i -= 1
        }
        return out
    }
}

/// Key material that must be refused, and why.
struct InvalidKeyMaterial: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    var testDescription: String { "\(name) (\(bytes.count) bytes)" }
}

/// A scalar and the public point it must give.
struct ScalarPoint: Sendable, CustomTestStringConvertible {
    let name: String
    let scalar: [UInt8]
    let x: String
    let y: String
    var testDescription: String { name }
}

@Suite("P-256 ECDSA")
struct P256Tests {
    /// Scalars below n (the top byte is kept under 0xFF), from a seeded generator.
    static func keys(count: Int, seed: UInt64) throws -> [P256PrivateKey] {
        var rng = SplitMix64(seed: seed)
        return try (0..<count).map { _ in
            var scalar = rng.bytes(32)
            scalar[0] = UInt8.random(in: 1...0xFE, using: &rng)
            return try P256PrivateKey(scalar: scalar)
        }
    }

    @Test(
        "known scalars give their public points",
        arguments: [
            ScalarPoint(
                name: "1 gives G", scalar: P256Curve.adding(1, to: String(repeating: "0", count: 64)), x: P256Curve.gx,
                y: P256Curve.gy),
            ScalarPoint(
                name: "2 gives 2G", scalar: P256Curve.adding(2, to: String(repeating: "0", count: 64)),
                x: P256Curve.twoGx, y: P256Curve.twoGy),
            ScalarPoint(
                name: "n − 1 gives −G", scalar: P256Curve.adding(-1, to: P256Curve.n), x: P256Curve.gx,
                y: P256Curve.minusGy),
        ])
    func publicPoints(_ c: ScalarPoint) throws {
        let key = try P256PrivateKey(scalar: c.scalar)
        #expect(hexString(key.publicKey.x) == c.x)
        #expect(hexString(key.publicKey.y) == c.y)
        #expect(key.scalar == c.scalar)
    }

    @Test("signatures verify, under the key and under the key rebuilt from its coordinates")
    func roundTrip() throws {
        var rng = SplitMix64(seed: 0x5032_3536)
        for key in try Self.keys(count: 8, seed: 1) {
            let message = rng.bytes(Int.random(in: 0...300, using: &rng))
            let signature = try key.signature(for: message)
            #expect((8...72).contains(signature.count))
            #expect(signature.first == 0x30)  // DER SEQUENCE
            #expect(key.publicKey.isValidSignature(signature, for: message))
            #expect(try P256PublicKey(x: key.publicKey.x, y: key.publicKey.y).isValidSignature(signature, for: message))
            #expect(
                try P256PublicKey(uncompressed: [0x04] + key.publicKey.x + key.publicKey.y)
                    .isValidSignature(signature, for: message))
        }
    }

    @Test("ECDSA is randomized: two signatures of one message differ and both verify")
    func randomized() throws {
        let key = try #require(try Self.keys(count: 1, seed: 2).first)
        let message = Array("AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n20150830/service/aws4_request\n…".utf8)
        let a = try key.signature(for: message)
        let b = try key.signature(for: message)
        #expect(a != b)
        #expect(key.publicKey.isValidSignature(a, for: message))
        #expect(key.publicKey.isValidSignature(b, for: message))
    }

    @Test("a signature fails after any one message byte changes")
    func flippedMessageByte() throws {
        let key = try #require(try Self.keys(count: 1, seed: 3).first)
        var rng = SplitMix64(seed: 3)
        let message = rng.bytes(64)
        let signature = try key.signature(for: message)
        for i in message.indices {
            for mask: UInt8 in [0x01, 0x80] {
                var changed = message
                changed[i] ^= mask
                #expect(!key.publicKey.isValidSignature(signature, for: changed), "byte \(i) ^ \(mask)")
            }
        }
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0]))
        #expect(!key.publicKey.isValidSignature(signature, for: message.dropLast()))
    }

    @Test("a signature fails after any one of its bytes changes, or when cut, extended or empty")
    func flippedSignatureByte() throws {
        let key = try #require(try Self.keys(count: 1, seed: 4).first)
        let message = Array("message".utf8)
        let signature = try key.signature(for: message)
        for i in signature.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var changed = signature
                changed[i] ^= mask
                #expect(!key.publicKey.isValidSignature(changed, for: message), "byte \(i) ^ \(mask)")
            }
        }
        #expect(!key.publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        #expect(!key.publicKey.isValidSignature(signature + [0], for: message))
        #expect(!key.publicKey.isValidSignature([], for: message))
        #expect(!key.publicKey.isValidSignature([UInt8](repeating: 0, count: 72), for: message))
    }

    @Test("a signature made with one key fails under another")
    func wrongKey() throws {
        let keys = try Self.keys(count: 2, seed: 5)
        let message = Array("message".utf8)
        #expect(!keys[1].publicKey.isValidSignature(try keys[0].signature(for: message), for: message))
    }

    @Test(
        "invalid public points are refused",
        arguments: [
            InvalidKeyMaterial(
                name: "G with y + 1: not on the curve",
                bytes: [0x04] + bytes(hex: P256Curve.gx) + P256Curve.adding(1, to: P256Curve.gy)),
            InvalidKeyMaterial(name: "(0, 0): not on the curve", bytes: [0x04] + [UInt8](repeating: 0, count: 64)),
            InvalidKeyMaterial(
                name: "x = p: coordinate out of range",
                bytes: [0x04] + bytes(hex: P256Curve.p) + bytes(hex: P256Curve.gy)),
            InvalidKeyMaterial(
                name: "x = p + Gx (reduces to G's x): coordinate out of range",
                bytes: [0x04] + [UInt8](repeating: 0xFF, count: 32) + bytes(hex: P256Curve.gy)),
            InvalidKeyMaterial(
                name: "64 bytes without the 04 prefix", bytes: bytes(hex: P256Curve.gx) + bytes(hex: P256Curve.gy)),
            InvalidKeyMaterial(name: "compressed form 03‖x", bytes: [0x03] + bytes(hex: P256Curve.gx)),
            InvalidKeyMaterial(
                name: "66 bytes", bytes: [0x04] + bytes(hex: P256Curve.gx) + bytes(hex: P256Curve.gy) + [0]),
            InvalidKeyMaterial(name: "prefix 05", bytes: [0x05] + bytes(hex: P256Curve.gx) + bytes(hex: P256Curve.gy)),
            InvalidKeyMaterial(name: "the point at infinity, 00", bytes: [0x00]),
            InvalidKeyMaterial(name: "empty", bytes: []),
        ])
    func invalidPublicPoint(_ c: InvalidKeyMaterial) {
        #expect(throws: CryptoError.invalidKey("")) { try P256PublicKey(uncompressed: c.bytes) }
        if c.bytes.count == 65, c.bytes[0] == 0x04 {  // the same coordinates through init(x:y:)
            #expect(throws: CryptoError.invalidKey("")) {
                try P256PublicKey(x: Array(c.bytes[1..<33]), y: Array(c.bytes[33...]))
            }
        }
    }

    @Test("coordinates must have 32 bytes each", arguments: [(31, 32), (32, 31), (33, 32), (32, 33), (0, 0), (64, 0)])
    func coordinateLengths(_ lengths: (Int, Int)) {
        let x = Array(bytes(hex: P256Curve.gx + P256Curve.gx).prefix(lengths.0))
        let y = Array(bytes(hex: P256Curve.gy + P256Curve.gy).prefix(lengths.1))
        #expect(throws: CryptoError.invalidKey("")) { try P256PublicKey(x: x, y: y) }
    }

    @Test(
        "scalars outside [1, n) or not 32 bytes are refused",
        arguments: [
            InvalidKeyMaterial(name: "zero", bytes: [UInt8](repeating: 0, count: 32)),
            InvalidKeyMaterial(name: "n", bytes: bytes(hex: P256Curve.n)),
            InvalidKeyMaterial(name: "n + 1", bytes: P256Curve.adding(1, to: P256Curve.n)),
            InvalidKeyMaterial(name: "2^256 − 1", bytes: [UInt8](repeating: 0xFF, count: 32)),
            InvalidKeyMaterial(name: "31 bytes", bytes: [UInt8](repeating: 1, count: 31)),
            InvalidKeyMaterial(name: "33 bytes", bytes: [0] + [UInt8](repeating: 1, count: 32)),
            InvalidKeyMaterial(name: "empty", bytes: []),
        ])
    func invalidScalar(_ c: InvalidKeyMaterial) {
        #expect(throws: CryptoError.invalidKey("")) { try P256PrivateKey(scalar: c.bytes) }
    }

    @Test("the largest scalars below n are accepted", arguments: [1, 2])
    func largestScalars(_ below: Int) throws {
        let key = try P256PrivateKey(scalar: P256Curve.adding(-below, to: P256Curve.n))
        let message = Array("edge".utf8)
        #expect(key.publicKey.isValidSignature(try key.signature(for: message), for: message))
    }
}
