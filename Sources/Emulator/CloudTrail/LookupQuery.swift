import AWSWire
/// One LookupEvents question, validated: whose history, which filter, which time range, how many.
struct LookupQuery: Sendable {
    var account: String
    var region: String
    /// At most one filter (spec §8.1); nil returns every event.
    var attribute: (key: LookupAttributeKey, value: String)?
    /// Inclusive bounds in seconds since 1970.
    var startTime: Int64?
    var endTime: Int64?
    var maxResults: Int
    /// Continue below this sequence number (from a NextToken); nil starts at the newest event.
    var before: Int?
}

/// A page of LookupEvents results, newest first.
struct LookupPage: Sendable {
    var events: [CloudTrailEvent]
    /// The sequence number to continue below, when more events match.
    var continueBefore: Int?
}
