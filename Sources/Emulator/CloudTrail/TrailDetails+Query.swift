import AWSWire

extension TrailDetails {
    /// Members of STS and IAM inputs whose shape is a number or a boolean; CloudTrail writes them as JSON
    /// numbers and booleans (`"durationSeconds":3600`), every other member as a string.
    private static let numberMembers: Set<String> = ["DurationSeconds", "MaxSessionDuration", "MaxItems"]
    private static let booleanMembers: Set<String> = ["SetAsDefault"]

    /// A query-protocol input as CloudTrail's `requestParameters` (spec §8.2): members under their lowerCamel
    /// names (`roleArn`, `roleSessionName`), lists as arrays (`tags:[{key,value}]`), `Action` and `Version`
    /// left out; nil (`null`) when the call has no parameters, as for GetCallerIdentity.
    static func requestParameters(query tree: QueryValue) -> JSONValue? {
        guard let fields = tree.structureValue ?? tree.mapValue else { return nil }
        let members = fields.filter { $0.name != "Action" && $0.name != "Version" }
        return members.isEmpty
            ? nil : .object(members.map { JSONMember(lowerCamel($0.name), json($0.value, name: $0.name)) })
    }

    private static func json(_ value: QueryValue, name: String) -> JSONValue {
        switch value {
        case .string(let text):
            if numberMembers.contains(name), let number = Int64(text) { return .int(number) }
            if booleanMembers.contains(name), let flag = Bool(text.lowercased()) { return .bool(flag) }
            return .string(text)
        case .list(let elements): return .array(elements.map { json($0, name: name) })
        case .map(let entries): return .object(entries.map { JSONMember($0.name, json($0.value, name: $0.name)) })
        case .structure(let fields):
            return .object(fields.map { JSONMember(lowerCamel($0.name), json($0.value, name: $0.name)) })
        }
    }

    /// `RoleSessionName` → `roleSessionName`; `arn` stays.
    private static func lowerCamel(_ name: String) -> String {
        guard let first = name.first, first.isUppercase else { return name }
        return first.lowercased() + name.dropFirst()
    }
}
