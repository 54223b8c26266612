public import AWSWire
internal import Foundation

/// Makes two runs of the same calls comparable: what differs between any two runs (request IDs, times, keys,
/// generated IDs, event IDs, tokens, latencies) is replaced by a placeholder, and documents hidden in strings
/// (CloudTrail's `CloudTrailEvent`, IAM's URL-encoded policies) become trees, so a diff names the field inside.
///
/// A volatile member keeps its presence: `<volatile>` on both sides compares equal, but a member one side lacks
/// still shows.
public enum Normaliser {
    public static let volatile = JSONValue.string("<volatile>")

    /// Member names whose values differ on every run, compared case-insensitively.
    static let volatileKeys: Set<String> = [
        "requestid", "x-amzn-requestid", "accesskeyid", "secretaccesskey", "sessiontoken", "expiration",
        "createdate", "creationdate", "eventtime", "eventid", "sharedeventid", "roleid", "userid", "assumedroleid",
        "policyid", "principalid", "latencyms", "date", "lastuseddate", "updatedate",
        // Where the call came from and which host it named: the endpoint, not the behaviour.
        "clientprovidedhostheader", "sourceipaddress",
    ]

    public static func normalised(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(
                members.map { member in
                    if volatileKeys.contains(member.key.lowercased()), member.value != .null {
                        return JSONMember(member.key, volatile)
                    }
                    return JSONMember(member.key, normalised(member.value))
                })
        case .array(let elements): return .array(elements.map(normalised))
        case .string(let text): return normalised(text)
        default: return value
        }
    }

    /// A string: an embedded JSON object (plain or URL-encoded) as its normalised tree; otherwise with AWS unique
    /// IDs, timestamps and UUIDs replaced by `<id>`, `<time>` and `<uuid>`.
    static func normalised(_ text: String) -> JSONValue {
        let document = text.hasPrefix("%7B") ? text.removingPercentEncoding : text.hasPrefix("{") ? text : nil
        if let document, let tree = try? JSONReader().decode(document), case .object = tree { return normalised(tree) }
        let id = #/(AKIA|ASIA|AROA|AIDA|ANPA|AGPA|AIPA|ANVA)[A-Z0-9]{12,}/#
        let time = #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/#
        let uuid = #/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/#
        return .string(text.replacing(id, with: "<id>").replacing(time, with: "<time>").replacing(uuid, with: "<uuid>"))
    }
}
