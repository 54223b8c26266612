public import SigV4

/// A customer managed policy: up to five versions, one of them the default that attachments evaluate.
public struct ManagedPolicy: Sendable {
    public struct Version: Sendable {
        /// `v1`, `v2`, … never reused within the policy.
        public var id: String
        public var policy: StoredPolicy
        public var createDate: AmzDate
    }

    public var name: String
    public var path: String
    /// `ANPA…`, 21 characters.
    public var id: String
    public var arn: String
    public var description: String?
    public var createDate: AmzDate
    public var updateDate: AmzDate
    public var versions: [Version]
    public var defaultVersionID: String
    /// The number the next version gets (`v3` after `v1`, `v2`, even if `v1` was deleted).
    public var nextVersionNumber: Int
    public var tags: [Tag]

    /// The version attachments evaluate.
    public var defaultVersion: Version? { versions.first { $0.id == defaultVersionID } }
}
