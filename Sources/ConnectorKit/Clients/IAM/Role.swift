public import Foundation

/// An IAM role as `CreateRole` and `GetRole` describe it.
public struct Role: Sendable, Hashable {
    public var name: String
    public var arn: String
    /// `AROA…`: changes when a role is deleted and re-created under the same name, so it tells the two apart.
    public var roleID: String
    public var path: String
    /// The trust policy as JSON text (IAM sends it URL-encoded; this is decoded).
    public var trustPolicy: String
    /// The longest session `AssumeRole` may grant, in seconds.
    public var maxSessionDuration: Int
    public var description: String?
    public var createDate: Date?
    /// When and in which region a session of the role last made a request (`GetRole` only; nil when never).
    public var lastUsedDate: Date?
    public var lastUsedRegion: String?

    public init(
        name: String, arn: String, roleID: String, path: String, trustPolicy: String, maxSessionDuration: Int,
        description: String? = nil, createDate: Date? = nil, lastUsedDate: Date? = nil, lastUsedRegion: String? = nil
    ) {
        self.name = name
        self.arn = arn
        self.roleID = roleID
        self.path = path
        self.trustPolicy = trustPolicy
        self.maxSessionDuration = maxSessionDuration
        self.description = description
        self.createDate = createDate
        self.lastUsedDate = lastUsedDate
        self.lastUsedRegion = lastUsedRegion
    }
}
