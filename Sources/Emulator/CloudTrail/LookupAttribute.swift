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

extension CloudTrailEvent {
    /// Every (key, value) this event is found under, except `EventId` (looked up by its own map).
    var lookupKeys: [(LookupAttribute, String)] {
        var keys: [(LookupAttribute, String)] = [
            (.eventName, eventName), (.readOnly, readOnly ? "true" : "false"), (.eventSource, eventSource),
        ]
        if let username { keys.append((.username, username)) }
        if let accessKeyID { keys.append((.accessKeyID, accessKeyID)) }
        var seen = Set<String>()
        for resource in resources {
            if seen.insert("t" + resource.type).inserted { keys.append((.resourceType, resource.type)) }
            if seen.insert("n" + resource.arn).inserted { keys.append((.resourceName, resource.arn)) }
        }
        return keys
    }
}
