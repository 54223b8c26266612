/// AWS credentials: a long-term key pair, or temporary ones with their session token.
public struct Credentials: Sendable, Hashable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// The STS session token of temporary credentials; nil for long-term keys.
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never prints the secret or the token: credentials end up in logs through string interpolation.
    public var description: String {
        "Credentials(\(accessKeyID), secret: <masked>\(sessionToken == nil ? "" : ", token: <masked>"))"
    }

    public var debugDescription: String { description }
}
