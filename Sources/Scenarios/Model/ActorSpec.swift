public import AWSWire

/// How an actor of a scenario gets its credentials. Account fields hold 12-digit IDs: the loader resolves the
/// aliases the file may use, so a runner needs no alias table.
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

extension ActorSpec {
    /// The spec with the `${…}` references of its strings filled in (an assumed role's values, given keys), as a
    /// runner needs it when the actor is first used.
    public func substituting(_ variables: [String: JSONValue]) throws(TemplateError) -> ActorSpec {
        func fill(_ text: String) throws(TemplateError) -> String {
            try Template.substitute(text, variables: variables)
        }
        func fill(_ text: String?) throws(TemplateError) -> String? {
            guard let text else { return nil }
            return try Template.substitute(text, variables: variables)
        }
        switch self {
        case .assume(var spec):
            spec.roleARN = try fill(spec.roleARN)
            spec.externalID = try fill(spec.externalID)
            spec.sessionName = try fill(spec.sessionName)
            spec.policy = try fill(spec.policy)
            return .assume(spec)
        case .keys(let accessKeyID, let secretAccessKey, let sessionToken):
            return .keys(
                accessKeyID: try fill(accessKeyID), secretAccessKey: try fill(secretAccessKey),
                sessionToken: try fill(sessionToken))
        case .root, .user, .profile:
            return self
        }
    }
}
