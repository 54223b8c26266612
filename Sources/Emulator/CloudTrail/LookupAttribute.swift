/// The keys LookupEvents filters on (spec §8.1), under their wire names.
enum LookupAttribute: String, Sendable, Hashable, CaseIterable {
    case eventID = "EventId"
    case eventName = "EventName"
    case readOnly = "ReadOnly"
    case username = "Username"
    case resourceType = "ResourceType"
    case resourceName = "ResourceName"
    case eventSource = "EventSource"
    case accessKeyID = "AccessKeyId"
}
