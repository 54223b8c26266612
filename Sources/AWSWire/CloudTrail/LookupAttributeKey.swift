/// The attributes CloudTrail `LookupEvents` filters on, by their wire names: what ConnectorKit sends and what
/// the emulator accepts (spec §8.1).
public enum LookupAttributeKey: String, Sendable, Hashable, CaseIterable {
    case eventID = "EventId"
    case eventName = "EventName"
    /// `true` or `false`.
    case readOnly = "ReadOnly"
    /// An IAM user name, a role session name, or `root`.
    case username = "Username"
    case resourceType = "ResourceType"
    /// A resource ARN.
    case resourceName = "ResourceName"
    /// `sts.amazonaws.com`, `bedrock.amazonaws.com`…
    case eventSource = "EventSource"
    case accessKeyID = "AccessKeyId"
}
