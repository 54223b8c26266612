import Foundation
import SigV4

/// One connection of a kill run: sends IAM and STS changes until the server dies under it.
///
/// Each iteration creates a role, puts an inline policy on it, creates a user and an access key for it (all in
/// this worker's own account, so each account's snapshot record stays small), and assumes the shared target role.
/// A change counts as acknowledged only once its whole 200 response has been read; a call cut off by the kill
/// is neither acknowledged nor an error. Any other answer (a non-200 while the server was up) is unexpected.
struct KillWorker: Sendable {
    var requests: SoakRequests
    var round: Int
    var index: Int
    var account: String
    var assumer: Credentials
    var targetRoleARN: String
    var assumerAccount: String
    /// A safety stop, should the kill never come.
    var deadline: Date

    struct Result: Sendable {
        var acknowledged: [AcknowledgedChange] = []
        var unexpected: [String] = []
    }

    func run() -> Result {
        var result = Result()
        guard let connection = try? SoakConnection(port: requests.port, timeoutSeconds: 10) else {
            result.unexpected.append("kill worker \(index): cannot connect")
            return result
        }
        let root = SoakIdentities.root(account)
        var iteration = 0
        while Date() < deadline {
            iteration += 1
            let name = "k\(round)-\(index)-\(iteration)"
            let trust =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::"#
                + account + #":root"},"Action":"sts:AssumeRole"}]}"#
            let document =
                #"{"Version":"2012-10-17","Statement":[{"Sid":"S"# + String(iteration)
                + #"","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::"# + name + #"/*"}]}"#
            let steps: [(String, String, [(String, String)], Credentials)] = [
                ("iam", "CreateRole", [("RoleName", name), ("AssumeRolePolicyDocument", trust)], root),
                (
                    "iam", "PutRolePolicy", [("RoleName", name), ("PolicyName", "p"), ("PolicyDocument", document)],
                    root
                ),
                ("iam", "CreateUser", [("UserName", name)], root),
                ("iam", "CreateAccessKey", [("UserName", name)], root),
                ("sts", "AssumeRole", [("RoleArn", targetRoleARN), ("RoleSessionName", name)], assumer),
            ]
            for (service, action, parameters, credentials) in steps {
                let response: SoakResponse
                do {
                    response = try connection.exchange(requests.query(service, action, parameters, as: credentials))
                } catch {
                    return result  // the kill (or a dead connection): this call is not acknowledged
                }
                guard response.status == 200, let requestID = response.requestID else {
                    result.unexpected.append("\(action) \(name): \(response.status) \(response.text.prefix(200))")
                    return result
                }
                let xml = response.text
                let field = { (element: String) in SoakErrorCode.element(element, in: xml) ?? "" }
                let kind: AcknowledgedChange.Kind
                var owner = account
                switch action {
                case "CreateRole": kind = .role(name: name, roleID: field("RoleId"))
                case "PutRolePolicy": kind = .rolePolicy(role: name, policy: "p", document: document)
                case "CreateUser": kind = .user(name: name, userID: field("UserId"))
                case "CreateAccessKey":
                    kind = .accessKey(
                        user: name,
                        credentials: Credentials(
                            accessKeyID: field("AccessKeyId"), secretAccessKey: field("SecretAccessKey")))
                default:
                    owner = assumerAccount
                    kind = .session(
                        credentials: Credentials(
                            accessKeyID: field("AccessKeyId"), secretAccessKey: field("SecretAccessKey"),
                            sessionToken: field("SessionToken")))
                }
                result.acknowledged.append(AcknowledgedChange(kind: kind, account: owner, requestID: requestID))
            }
        }
        return result
    }
}
