/// How an actor of a scenario gets its credentials. Account fields hold what the file wrote (an alias or a
/// 12-digit ID, checked at load); resolve them with ``Scenario/accountID(_:)``.
public enum ActorSpec: Sendable, Hashable {
    /// The account's root (the emulator's convention: access key = account ID, secret `test`).
    case root(account: String)
    /// An IAM user the runner creates before the first step, with an inline policy allowing `allow` on `*` when
    /// `allow` is not empty.
    case user(name: String, account: String, allow: [String])
    /// A role session another actor assumes when this actor is first used.
    case assume(AssumeSpec)
    /// Keys given in the file, usually `${…}` references to a saved response.
    case keys(accessKeyID: String, secretAccessKey: String, sessionToken: String?)
    /// A profile from the shared AWS files (for real endpoints).
    case profile(String)
}
