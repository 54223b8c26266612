/// Who signed a request, named without the key: a transcript holds no secret, and replay resolves the reference
/// to the credentials of *its* run.
///
/// - `root:ACCOUNT`: the account's root (on the emulator, access key = account ID, secret `test`).
/// - `minted:N.PATH`: the credentials that exchange N's response carries at `PATH` (`minted:3.AccessKey` for
///   CreateAccessKey, `minted:6.Credentials` for AssumeRole); exchanges are numbered from 1.
public enum CredentialReference: Sendable, Hashable, CustomStringConvertible {
    case root(account: String)
    case minted(exchange: Int, path: String)

    public init?(_ text: String) {
        if text.hasPrefix("root:") {
            let account = String(text.dropFirst(5))
            guard Self.isAccountID(account) else { return nil }
            self = .root(account: account)
        } else if text.hasPrefix("minted:") {
            let rest = text.dropFirst(7)
            guard let dot = rest.firstIndex(of: "."), let exchange = Int(rest[..<dot]), exchange > 0 else { return nil }
            let path = String(rest[rest.index(after: dot)...])
            guard !path.isEmpty else { return nil }
            self = .minted(exchange: exchange, path: path)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .root(let account): "root:\(account)"
        case .minted(let exchange, let path): "minted:\(exchange).\(path)"
        }
    }

    /// The emulator's root convention: an access key of exactly 12 digits is that account's root.
    public static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
