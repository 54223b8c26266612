public import SigV4

/// An IAM user: long-term access keys, and the policies that say what they may do.
public struct User: Sendable {
    public var name: String
    public var path: String
    /// `AIDA…`, 21 characters (`aws:userid`).
    public var id: String
    public var arn: String
    public var account: String
    public var createDate: AmzDate
    public var permissionsBoundaryARN: String?
    public var tags: [Tag]
    public var inlinePolicies: [InlinePolicy]
    public var attachedPolicyARNs: [String]
    /// The user's access key IDs (the keys themselves live in `EmulatorState.accessKeys`), oldest first.
    public var accessKeyIDs: [String]
}

/// A long-term access key of an IAM user (AWS allows two per user).
public struct AccessKey: Sendable {
    public enum Status: String, Sendable { case active = "Active", inactive = "Inactive" }

    public var id: String
    public var secret: String
    public var account: String
    public var userName: String
    public var status: Status
    public var createDate: AmzDate
}
