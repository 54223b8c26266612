public import SigV4

/// The credentials the upstream expects for an account's root, which a client signing for the recorder does
/// not need to have.
///
/// The emulator's convention is the default: access key = account ID, secret `test`. For real AWS the recorder
/// is given one profile's credentials (`--upstream-profile`), used for every root reference.
public struct UpstreamCredentials: Sendable {
    public var root: @Sendable (_ account: String) -> Credentials?

    public init(root: @escaping @Sendable (_ account: String) -> Credentials?) { self.root = root }

    /// The emulator's roots.
    public static let emulator = UpstreamCredentials { Credentials(accessKeyID: $0, secretAccessKey: "test") }

    /// The same credentials for every account.
    public static func fixed(_ credentials: Credentials) -> UpstreamCredentials {
        UpstreamCredentials { _ in credentials }
    }
}
