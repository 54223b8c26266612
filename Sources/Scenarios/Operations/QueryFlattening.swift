public import AWSWire

/// Parameters of an awsQuery call (STS, IAM) as botocore's query serializer flattens them: a list becomes
/// `Name.member.N` (from 1; an empty list is sent as `Name=`), a structure `Name.Member`, a boolean
/// `true`/`false`, a number its text. `null` members are left out, as an absent one.
///
/// Policy documents are strings on the wire; a scenario may write them as YAML maps, which are sent as their
/// JSON text (also inside `PolicyInputList`-style lists of documents).
enum QueryFlattening {
    /// Members whose value is a policy document: an object (or a list's object element) is sent as JSON text.
    static let documentMembers: Set<String> = [
        "AssumeRolePolicyDocument", "PolicyDocument", "Policy", "PolicyInputList",
        "PermissionsBoundaryPolicyInputList", "ResourcePolicy",
    ]

    static func flatten(_ parameters: JSONValue, operation: String) throws(OperationEncodingError) -> [(String, String)]
    {
        guard case .object(let members) = parameters else {
            if parameters == .null { return [] }
            throw OperationEncodingError("the parameters of \(operation) must be a map of member names")
        }
        var out: [(String, String)] = []
        for member in members {
            flatten(member.value, prefix: member.key, document: documentMembers.contains(member.key), into: &out)
        }
        return out
    }

    private static func flatten(_ value: JSONValue, prefix: String, document: Bool, into out: inout [(String, String)])
    {
        switch value {
        case .null: return
        case .bool(let flag): out.append((prefix, flag ? "true" : "false"))
        case .number(let number): out.append((prefix, number.text))
        case .string(let text): out.append((prefix, text))
        case .object where document: out.append((prefix, JSONWriter.string(value)))
        case .object(let members):
            for member in members {
                flatten(member.value, prefix: "\(prefix).\(member.key)", document: false, into: &out)
            }
        case .array(let elements):
            guard !elements.isEmpty else { return out.append((prefix, "")) }
            for (index, element) in elements.enumerated() {
                flatten(element, prefix: "\(prefix).member.\(index + 1)", document: document, into: &out)
            }
        }
    }
}
