/// ARNs of IAM resources, as authorization and responses name them.
enum IAMResources {
    static func role(_ account: String, path: String = "/", name: String) -> String {
        "arn:aws:iam::\(account):role\(path)\(name)"
    }

    static func user(_ account: String, path: String = "/", name: String) -> String {
        "arn:aws:iam::\(account):user\(path)\(name)"
    }

    static func policy(_ account: String, path: String = "/", name: String) -> String {
        "arn:aws:iam::\(account):policy\(path)\(name)"
    }

    /// An authorization check for an IAM action on a resource of the caller's own account.
    static func check(_ action: String, _ resource: String) -> AuthorizationCheck {
        AuthorizationCheck(action: action, resource: resource)
    }
}
