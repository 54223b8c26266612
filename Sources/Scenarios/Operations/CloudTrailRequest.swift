internal import AWSWire
internal import ConnectorKit
internal import SigV4

/// CloudTrail's JSON 1.1 calls: the members sent as given, except timestamps, which a scenario may write as
/// ISO-8601 text (`2026-11-26T18:00:00Z`) while the wire wants epoch seconds (botocore's `timestampFormat`
/// for JSON is `unixTimestamp`).
enum CloudTrailRequest {
    static let targetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"
    static let operations: Set<String> = ["LookupEvents"]
    static let timestampMembers: Set<String> = ["StartTime", "EndTime"]

    static func request(_ operation: String, _ parameters: JSONValue) throws(OperationEncodingError) -> ServiceRequest {
        guard case .object(let members) = parameters.isNull ? .object([]) : parameters else {
            throw OperationEncodingError("the parameters of cloudtrail.\(operation) must be a map of member names")
        }
        var body: [JSONMember] = []
        for member in members {
            guard timestampMembers.contains(member.key), case .string(let text) = member.value else {
                body.append(member)
                continue
            }
            guard let date = AmzDate(iso8601: text) else {
                throw OperationEncodingError(
                    "cloudtrail.\(operation): \(member.key) \"\(text)\" is neither epoch seconds nor an ISO-8601 time")
            }
            body.append(JSONMember(member.key, .int(date.secondsSince1970)))
        }
        return .json(targetPrefix: targetPrefix, operation: operation, body: .object(body))
    }
}
