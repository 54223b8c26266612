public import Foundation
public import AWSWire

/// One `LookupEvents` call: a filter, a time range and a page.
public struct LookupEventsRequest: Sendable, Hashable {
    /// At most one (the service refuses more with `InvalidLookupAttributesException`).
    public var attributes: [LookupAttribute]
    /// Inclusive; sent as epoch seconds.
    public var startTime: Date?
    /// Inclusive; sent as epoch seconds.
    public var endTime: Date?
    /// 1–50; the service's default is 50.
    public var maxResults: Int?
    /// The previous page's `nextToken`, valid only with the same filter and time range.
    public var nextToken: String?

    public init(
        attributes: [LookupAttribute] = [], startTime: Date? = nil, endTime: Date? = nil, maxResults: Int? = nil,
        nextToken: String? = nil
    ) {
        self.attributes = attributes
        self.startTime = startTime
        self.endTime = endTime
        self.maxResults = maxResults
        self.nextToken = nextToken
    }

    /// Events with one attribute value (`.eventName`, `"AssumeRole"`).
    public static func matching(_ key: LookupAttributeKey, _ value: String, maxResults: Int? = nil) -> Self {
        LookupEventsRequest(attributes: [LookupAttribute(key, value)], maxResults: maxResults)
    }

    var json: JSONValue {
        var members: [JSONMember] = []
        if !attributes.isEmpty {
            members.append(
                JSONMember(
                    "LookupAttributes",
                    .array(attributes.map { ["AttributeKey": .string($0.key.rawValue), "AttributeValue": .string($0.value)] })))
        }
        if let startTime { members.append(JSONMember("StartTime", .double(startTime.timeIntervalSince1970))) }
        if let endTime { members.append(JSONMember("EndTime", .double(endTime.timeIntervalSince1970))) }
        if let maxResults { members.append(JSONMember("MaxResults", .int(maxResults))) }
        if let nextToken { members.append(JSONMember("NextToken", .string(nextToken))) }
        return .object(members)
    }
}

/// A `LookupAttributes` entry: events whose attribute equals `value` exactly.
public struct LookupAttribute: Sendable, Hashable {
    public var key: LookupAttributeKey
    public var value: String

    public init(_ key: LookupAttributeKey, _ value: String) {
        self.key = key
        self.value = value
    }
}
