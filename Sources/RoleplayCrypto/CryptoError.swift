/// A libcrypto failure, or input that a cryptographic operation cannot take.
///
/// One error type for the whole target: a struct over a private code enum, so codes can be added
/// without breaking callers. `detail` carries OpenSSL's own error string where there is one.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Code: String, Hashable, Sendable {
        case openSSL
        case invalidKey
        case invalidSignature
        case keyDerivationExhausted
    }

    let code: Code
    /// What failed, in words, with OpenSSL's reason where it gave one.
    public let detail: String

    init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }

    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// A libcrypto call failed.
    public static func openSSL(_ detail: String) -> CryptoError { .init(.openSSL, detail) }
    /// Key material is malformed (wrong length, not on the curve, out of range).
    public static func invalidKey(_ detail: String) -> CryptoError { .init(.invalidKey, detail) }
    /// A signature is not well-formed DER.
    public static func invalidSignature(_ detail: String) -> CryptoError { .init(.invalidSignature, detail) }
    /// The SigV4a derivation found no scalar below n − 1 in 254 tries (it never happens in practice).
    public static let keyDerivationExhausted = CryptoError(.keyDerivationExhausted, "no valid P-256 scalar in 254 iterations")
}
