import RoleplayCrypto
import RoleplaySync
import Synchronization

/// Every identifier the emulator makes up: request IDs, role and user IDs, access keys, secrets, key material.
///
/// Unseeded, the bytes come from OpenSSL's DRBG, as real secrets must. With `--seed N` they come from a
/// SplitMix64 stream instead, so a scripted run makes the same IDs every time and transcripts compare byte
/// for byte (sequential runs only: concurrent requests draw from the stream in whatever order they arrive).
public final class IDGenerator: Sendable {
    /// Fixed at creation, so an unseeded generator never takes the lock (every request draws several IDs).
    private let seed: UInt64?
    private let seeded: Locked<SplitMix>

    /// - Parameter seed: nil for secure random IDs; a value for a reproducible sequence.
    public init(seed: UInt64?) {
        self.seed = seed
        seeded = Locked(SplitMix(seed: seed ?? 0))
    }

    /// Restarts a seeded sequence (after `POST /_roleplay/reset`, a seeded run repeats itself).
    func restart() {
        guard let seed else { return }
        seeded.withLock { $0 = SplitMix(seed: seed) }
    }

    /// `count` bytes from the generator.
    func bytes(_ count: Int) -> [UInt8] {
        if seed != nil {
            return seeded.withLock { state in (0..<count).map { _ in UInt8(truncatingIfNeeded: state.next()) } }
        }
        // A DRBG failure leaves nothing safe to hand out; it does not happen on a seeded Linux system.
        guard let bytes = try? SecureRandom.bytes(count) else { preconditionFailure("OpenSSL's DRBG failed") }
        return bytes
    }

    /// A UUID v4 in its canonical lowercase text form, as AWS request IDs are (`EventID`, which CloudTrail's
    /// event IDs use too).
    func requestID() -> String { EventID(self).text }

    /// `prefix` followed by upper-case letters and digits up to `length` characters: role IDs (`AROA…`, 21),
    /// user IDs (`AIDA…`), policy IDs (`ANPA…`), access key IDs (`AKIA…`, 20, base32 alphabet).
    func identifier(prefix: String, length: Int, alphabet: IDAlphabet = .upperAlphanumeric) -> String {
        let count = length - prefix.count
        let symbols = alphabet.symbols
        return prefix + String(decoding: bytes(count).map { symbols[Int($0) % symbols.count] }, as: UTF8.self)
    }

    /// A 40-character secret access key over `[A-Za-z0-9+/]`.
    func secretAccessKey() -> String { identifier(prefix: "", length: 40, alphabet: .base64) }
}

/// The character sets AWS identifiers use.
enum IDAlphabet {
    /// `A-Z0-9`: role, user and policy IDs.
    case upperAlphanumeric
    /// `A-Z2-7`: access key IDs.
    case base32
    /// `A-Za-z0-9+/`: secret access keys.
    case base64

    var symbols: [UInt8] {
        switch self {
        case .upperAlphanumeric: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        case .base32: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        case .base64: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same sequence for the same seed everywhere.
/// Public for `roleplay soak`, whose choices must repeat for a given `--seed` as the emulator's IDs do.
public struct SplitMix: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound > 0); the modulo bias is below 2^-50 for the small bounds callers use.
    public mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
