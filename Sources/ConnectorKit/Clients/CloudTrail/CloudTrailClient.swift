internal import AWSWire

/// AWS CloudTrail's event history: what was done in an account (the customer's audit of a connector).
public struct CloudTrailClient: Sendable {
    let client: AWSClient

    /// `LookupEvents`' `X-Amz-Target` prefix (awsJson 1.1).
    static let targetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"

    public init(region: String, credentials: any CredentialsProvider, configuration: ClientConfiguration) {
        client = AWSClient(service: .cloudTrail, region: region, credentials: credentials, configuration: configuration)
    }

    /// One page of the caller's account's management events in the client's Region, newest first.
    /// - Throws: `ServiceError` (`InvalidLookupAttributesException`, `InvalidTimeRangeException`,
    ///   `InvalidMaxResultsException`, `InvalidNextTokenException`, `AccessDeniedException`…).
    public func lookupEvents(_ request: LookupEventsRequest) async throws -> LookupEventsPage {
        let operation = "LookupEvents"
        let response = try await client.send(.json(targetPrefix: Self.targetPrefix, operation: operation, body: request.json))
        let reader = ResponseReader(service: .cloudTrail, operation: operation)
        let root = try reader.object(response.body)
        var events: [CloudTrailEvent] = []
        for item in root["Events"]?.arrayValue ?? [] {
            events.append(try CloudTrailEvent(json: item, reader))
        }
        return LookupEventsPage(events: events, nextToken: root["NextToken"]?.stringValue)
    }

    /// Every matching event, following `NextToken` from `request`'s page on, for at most `maxPages` pages
    /// (a bound on a history that keeps growing; AWS allows 2 lookups a second, so each page costs time).
    public func lookupAllEvents(_ request: LookupEventsRequest, maxPages: Int = 100) async throws -> [CloudTrailEvent] {
        var request = request
        var events: [CloudTrailEvent] = []
        for _ in 0..<maxPages {
            let page = try await lookupEvents(request)
            events += page.events
            guard let token = page.nextToken else { break }
            request.nextToken = token
        }
        return events
    }
}
