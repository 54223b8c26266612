/// One page of `LookupEvents`, newest event first.
public struct LookupEventsPage: Sendable, Hashable {
    public var events: [CloudTrailEvent]
    /// Present when more events match; pass it back with the same request to read on.
    public var nextToken: String?

    public init(events: [CloudTrailEvent], nextToken: String?) {
        self.events = events
        self.nextToken = nextToken
    }
}
