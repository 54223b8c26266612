import Foundation
import SigV4

/// Looks every acknowledged change up again on a restarted server, through the normal APIs.
///
/// A role, policy or user must come back with the same ID (a re-created one would have a new ID), a policy with
/// the same document, an access key and a session must still authenticate as who they were issued to, and each
/// change's request ID must be in its account's CloudTrail history exactly once.
struct ChangeVerifier {
    var requests: SoakRequests
    var connection: SoakConnection

    /// The changes not found as they were acknowledged, each with what was wrong.
    func missing(_ changes: [AcknowledgedChange]) throws -> [String] {
        var problems: [String] = []
        for change in changes {
            if let problem = try check(change) { problems.append("\(change.label): \(problem)") }
        }
        let accounts = Set(changes.map(\.account)).sorted()
        let reader = TrailReader(requests: requests, connection: connection)
        for account in accounts {
            var counts: [String: Int] = [:]
            _ = try reader.readAll(account: account) { counts[$0, default: 0] += 1 }
            for change in changes where change.account == account {
                let count = counts[change.requestID] ?? 0
                if count != 1 { problems.append("\(change.label): \(count) CloudTrail events for \(change.requestID)") }
            }
        }
        return problems
    }

    private func check(_ change: AcknowledgedChange) throws -> String? {
        let root = SoakIdentities.root(change.account)
        switch change.kind {
        case .role(let name, let roleID):
            let response = try iam("GetRole", [("RoleName", name)], root)
            guard response.status == 200 else { return "GetRole answered \(response.status)" }
            let found = SoakErrorCode.element("RoleId", in: response.text)
            return found == roleID ? nil : "RoleId \(found ?? "none"), acknowledged \(roleID)"
        case .rolePolicy(let role, let policy, let document):
            let response = try iam("GetRolePolicy", [("RoleName", role), ("PolicyName", policy)], root)
            guard response.status == 200 else { return "GetRolePolicy answered \(response.status)" }
            let found = SoakErrorCode.element("PolicyDocument", in: response.text)?.removingPercentEncoding
            return found == document ? nil : "a different document: \(found ?? "none")"
        case .user(let name, let userID):
            let response = try iam("GetUser", [("UserName", name)], root)
            guard response.status == 200 else { return "GetUser answered \(response.status)" }
            let found = SoakErrorCode.element("UserId", in: response.text)
            return found == userID ? nil : "UserId \(found ?? "none"), acknowledged \(userID)"
        case .accessKey(let user, let credentials):
            let response = try connection.exchange(requests.query("sts", "GetCallerIdentity", [], as: credentials))
            guard response.status == 200 else { return "GetCallerIdentity with it answered \(response.status)" }
            let arn = SoakErrorCode.element("Arn", in: response.text) ?? ""
            return arn == "arn:aws:iam::\(change.account):user/\(user)" ? nil : "authenticates as \(arn)"
        case .session(let credentials):
            let response = try connection.exchange(requests.query("sts", "GetCallerIdentity", [], as: credentials))
            return response.status == 200 ? nil : "GetCallerIdentity with it answered \(response.status)"
        }
    }

    private func iam(_ action: String, _ parameters: [(String, String)], _ credentials: Credentials) throws
        -> SoakResponse
    {
        try connection.exchange(requests.query("iam", action, parameters, as: credentials))
    }
}
