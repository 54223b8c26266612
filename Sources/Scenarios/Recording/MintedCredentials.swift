internal import AWSWire
internal import SigV4

/// Credentials a response hands out (CreateAccessKey's `AccessKey`, AssumeRole's `Credentials`): a top-level
/// member that is an object with `AccessKeyId` and `SecretAccessKey` (and `SessionToken` for a session).
///
/// The recorder finds them in the live, unmasked response, so it can sign for the upstream when the client uses
/// them later; replay finds them in its own responses to resolve `minted:N.PATH`.
enum MintedCredentials {
    /// Every `(path, credentials)` in a response tree.
    static func all(in tree: JSONValue?) -> [(path: String, credentials: Credentials)] {
        guard case .object(let members)? = tree else { return [] }
        return members.compactMap { member in
            credentials(in: member.value).map { (member.key, $0) }
        }
    }

    /// The credentials at `path` of a response tree.
    static func at(_ path: String, in tree: JSONValue?) -> Credentials? {
        tree?[path].flatMap(credentials(in:))
    }

    private static func credentials(in value: JSONValue) -> Credentials? {
        guard let id = value["AccessKeyId"]?.stringValue, let secret = value["SecretAccessKey"]?.stringValue else {
            return nil
        }
        return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: value["SessionToken"]?.stringValue)
    }
}
