import AWSWire
import SigV4

/// How much of a user an IAM response shows. ListUsers returns a subset of each user, as IAM's listing
/// operations do: no `Tags` and no `PermissionsBoundary` (IAM API Reference, ListUsers).
enum UserDetail {
    /// ListUsers.
    case listing
    /// CreateUser, GetUser: everything Roleplay keeps (it has no passwords, so never `PasswordLastUsed`).
    case full
}

extension XMLWriter {
    /// `<User>…</User>`, shared by CreateUser, GetUser and ListUsers (as `member`).
    mutating func user(_ user: User, detail: UserDetail, element name: String = "User") {
        element(name) { w in
            w.element("Path", text: user.path)
            w.element("UserName", text: user.name)
            w.element("UserId", text: user.id)
            w.element("Arn", text: user.arn)
            w.element("CreateDate", text: user.createDate.iso8601())
            guard detail == .full else { return }
            w.permissionsBoundary(user.permissionsBoundaryARN)
            w.tags(user.tags)
        }
    }

    /// GetUser called by the account root without `UserName`: AWS answers with the root "user", which has
    /// only `UserId` (the account ID) and `Arn` (`…:root`) besides dates, and no `UserName` or `Path`
    /// although the model calls them required (clients that read `UserName` break on root, as on AWS).
    /// Roleplay keeps no account creation date, so `CreateDate` is left out too.
    mutating func rootUser(account: String) {
        element("User") { w in
            w.element("UserId", text: account)
            w.element("Arn", text: "arn:aws:iam::\(account):root")
        }
    }

    /// `<AccessKeyMetadata>` members (ListAccessKeys): everything about a key but its secret.
    mutating func accessKeyMetadata(_ key: AccessKey, element name: String = "member") {
        element(name) { w in
            w.element("UserName", text: key.userName)
            w.element("AccessKeyId", text: key.id)
            w.element("Status", text: key.status.rawValue)
            w.element("CreateDate", text: key.createDate.iso8601())
        }
    }

    /// `<AccessKey>` (CreateAccessKey): the only response that ever carries the secret.
    mutating func accessKey(_ key: AccessKey) {
        element("AccessKey") { w in
            w.element("UserName", text: key.userName)
            w.element("AccessKeyId", text: key.id)
            w.element("Status", text: key.status.rawValue)
            w.element("SecretAccessKey", text: key.secret)
            w.element("CreateDate", text: key.createDate.iso8601())
        }
    }
}
