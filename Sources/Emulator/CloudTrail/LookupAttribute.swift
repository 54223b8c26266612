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
        for (index, resource) in resources.enumerated() {
            let earlier = resources[..<index]
            if !earlier.contains(where: { $0.type == resource.type }) { keys.append((.resourceType, resource.type)) }
            if !earlier.contains(where: { $0.arn == resource.arn }) { keys.append((.resourceName, resource.arn)) }
        }
        return keys
    }
}
