/// The `X-Amz-Target` header of an awsJson request, split into service prefix and operation (spec §1.2 step 1).
///
/// The split is at the last `.`: `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents` has the
/// prefix `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101` and the operation `LookupEvents`.
public struct JSONTarget: Sendable, Hashable {
    public var prefix: String
    public var operation: String

    /// CloudTrail's target prefix.
    public static let cloudTrailPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"

    /// nil when there is no `.`, or either side is empty.
    public init?(_ header: String) {
        guard let dot = header.lastIndex(of: "."),
            dot != header.startIndex, header.index(after: dot) != header.endIndex
        else { return nil }
        prefix = String(header[..<dot])
        operation = String(header[header.index(after: dot)...])
    }
}
