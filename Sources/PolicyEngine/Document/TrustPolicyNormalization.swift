/// How IAM stores a trust policy: a principal given as a bare 12-digit account ID is saved as that account's
/// root ARN (`"AWS": "123456789012"` → `"AWS": "arn:aws:iam::123456789012:root"`), so `GetRole` shows the ARN
/// (aws-wire-facts §5.5).
///
/// Only documents that contain such a principal are rewritten, compactly and with members in their original
/// order; every other document is kept byte for byte, as IAM echoes it. Both forms evaluate alike.
public enum TrustPolicyNormalization {
    /// The text IAM would store for `text` (a valid trust policy).
    public static func normalized(_ text: String) -> String {
        guard let root = JSONScanner.scan(text).value else { return text }
        var changed = false
        let rewritten = rewriteStatements(root, changed: &changed)
        return changed ? JSONWriter.write(rewritten) : text
    }

    private static func rewriteStatements(_ document: JSONValue, changed: inout Bool) -> JSONValue {
        guard case .object(var members) = document else { return document }
        for index in members.indices where members[index].key == "Statement" {
            switch members[index].value {
            case .array(let statements):
                members[index].value = .array(statements.map { rewriteStatement($0, changed: &changed) })
            case let statement:
                members[index].value = rewriteStatement(statement, changed: &changed)
            }
        }
        return .object(members)
    }

    private static func rewriteStatement(_ statement: JSONValue, changed: inout Bool) -> JSONValue {
        guard case .object(var members) = statement else { return statement }
        for index in members.indices where members[index].key == "Principal" || members[index].key == "NotPrincipal" {
            guard case .object(var principals) = members[index].value else { continue }
            for entry in principals.indices where principals[entry].key == "AWS" {
                principals[entry].value = rewriteAccounts(principals[entry].value, changed: &changed)
            }
            members[index].value = .object(principals)
        }
        return .object(members)
    }

    private static func rewriteAccounts(_ value: JSONValue, changed: inout Bool) -> JSONValue {
        switch value {
        case .string(let principal) where PrincipalName.isAccountID(principal):
            changed = true
            return .string("arn:aws:iam::\(principal):root")
        case .array(let list):
            return .array(list.map { rewriteAccounts($0, changed: &changed) })
        default:
            return value
        }
    }
}
