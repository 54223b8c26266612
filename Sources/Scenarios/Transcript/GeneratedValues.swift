internal import AWSWire
internal import Foundation

/// IDs an upstream generated (an `AccessKeyId`, a `RoleId`) that a later request of the transcript names: in a
/// scenario they become `${…}`, saved by the step whose response carried them, because a new run generates
/// other ones. ARNs are not among them: they are built from names and stay the same.
struct GeneratedValues {
    /// Member names whose values an upstream generates, compared case-insensitively.
    static let keys: Set<String> = [
        "accesskeyid", "roleid", "userid", "policyid", "groupid", "instanceprofileid", "assumedroleid",
    ]
    /// Shorter values are left alone: replacing them could hit unrelated text.
    static let minimumLength = 8

    private var known: [(value: String, variable: String, exchange: Int, path: String)] = []
    /// Exchange number → the `save:` entries (variable, path) that later requests use.
    private(set) var saves: [Int: [(variable: String, path: String)]] = [:]

    /// Notes the generated values in exchange `number`'s response tree.
    mutating func learn(_ tree: JSONValue?, exchange number: Int, path: String = "", key: String? = nil) {
        switch tree {
        case .object(let members)?:
            for member in members {
                learn(member.value, exchange: number, path: path.isEmpty ? member.key : "\(path).\(member.key)", key: member.key)
            }
        case .array(let elements)?:
            for (index, element) in elements.enumerated() {
                learn(element, exchange: number, path: "\(path)[\(index)]", key: key)
            }
        case .string(let value)?:
            guard let key, Self.keys.contains(key.lowercased()), value.count >= Self.minimumLength,
                value != SecretMasking.mask, !known.contains(where: { $0.value == value })
            else { return }
            let base = key.prefix(1).lowercased() + key.dropFirst() + String(number)
            let taken = known.filter { $0.variable.hasPrefix(base) }.count
            known.append((value, taken == 0 ? base : "\(base)-\(taken + 1)", number, path))
        default: return
        }
    }

    /// `parameters` with every known value replaced by its `${variable}`; the variables used are added to `saves`.
    mutating func substituted(_ parameters: JSONValue) -> JSONValue {
        switch parameters {
        case .object(let members): return .object(members.map { JSONMember($0.key, substituted($0.value)) })
        case .array(let elements): return .array(elements.map { substituted($0) })
        case .string(var text):
            for entry in known.sorted(by: { $0.value.count > $1.value.count }) where text.contains(entry.value) {
                text = text.replacingOccurrences(of: entry.value, with: "${\(entry.variable)}")
                if saves[entry.exchange]?.contains(where: { $0.variable == entry.variable }) != true {
                    saves[entry.exchange, default: []].append((entry.variable, entry.path))
                }
            }
            return .string(text)
        default: return parameters
        }
    }
}
