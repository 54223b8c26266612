/// Who the credentials are, as `GetCallerIdentity` says (it needs no permission, so it is the cheapest check
/// that a key works and belongs to the expected account).
public struct CallerIdentity: Sendable, Hashable {
    public var account: String
    /// `arn:aws:iam::ACCOUNT:user/NAME`, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`, `…:root`.
    public var arn: String
    /// `AIDA…` for a user, `AROA…:SESSION` for a role session, the account ID for root.
    public var userID: String

    public init(account: String, arn: String, userID: String) {
        self.account = account
        self.arn = arn
        self.userID = userID
    }
}
