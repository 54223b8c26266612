/// The three AWS protocols the emulated services speak (spec §1.1).
///
/// Error codes and statuses for the same condition differ per protocol (§2.4), so auth failures are built
/// for a protocol, and each protocol has its own error envelope (§3).
public enum WireProtocol: String, Sendable, Hashable, CaseIterable {
    /// awsQuery: form-encoded request, XML response (STS, IAM).
    case query
    /// awsJson1_1: JSON body selected by `X-Amz-Target` (CloudTrail).
    case json
    /// restJson1: REST paths with JSON bodies and event streams (Bedrock, Bedrock Runtime).
    case restJSON
}
