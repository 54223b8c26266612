import AWSWire
import Foundation
import ConnectorKit
import Testing

/// The customer's audit: the connector's AssumeRole and Bedrock calls found in the customer account's event
/// history, paging that visits every event once, and the lookup's own validation.
@Suite struct CloudTrailClientTests {
    let fixture: EmulatorFixture
    let trail: CloudTrailClient

    init() async throws {
        fixture = try await EmulatorFixture()
        trail = CloudTrailClient(
            region: EmulatorFixture.region, credentials: EmulatorFixture.root(EmulatorFixture.customerAccount),
            configuration: fixture.configuration)
    }

    func bedrock() async throws -> BedrockClient {
        BedrockClient(
            region: EmulatorFixture.region, credentials: try await fixture.roleSessionCredentials(),
            configuration: fixture.configuration)
    }

    @Test func theConnectorsAssumeRoleIsInTheCustomerAccount() async throws {
        let models = try await bedrock().listFoundationModels(provider: "Amazon")
        #expect(!models.isEmpty)
        let events = try await trail.lookupAllEvents(.matching(.eventName, "AssumeRole"))
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.eventName == "AssumeRole")
        #expect(event.eventSource == "sts.amazonaws.com")
        #expect(event.readOnly == "true")
        #expect(event.errorCode == nil)
        #expect(event.requestParameter("roleArn") == EmulatorFixture.roleARN)
        #expect(event.requestParameter("externalId") == EmulatorFixture.externalID)
        #expect(event.requestParameter("roleSessionName") == "connector-session")
        #expect(event.requestParameter("durationSeconds") == nil)  // not sent, so not recorded
        #expect(event.recipientAccountID == EmulatorFixture.customerAccount)
        #expect(event.userIdentityType == "AWSAccount")
        #expect(event.userIdentityAccountID == EmulatorFixture.saasAccount)
        #expect(event.sharedEventID != nil)
        #expect(event.resources.contains(CloudTrailResource(type: "AWS::IAM::Role", name: EmulatorFixture.roleARN)))
        #expect(abs(event.eventTime.timeIntervalSinceNow) < 3600)

        let listing = try await trail.lookupAllEvents(.matching(.eventName, "ListFoundationModels"))
        #expect(listing.count == 1)
        #expect(listing.first?.username == "connector-session")
        #expect(listing.first?.userIdentityARN
            == "arn:aws:sts::\(EmulatorFixture.customerAccount):assumed-role/\(EmulatorFixture.roleName)/connector-session")
    }

    @Test func pagingOneEventAtATimeVisitsEveryEventOnce() async throws {
        let bedrock = try await bedrock()
        _ = try await bedrock.listFoundationModels()
        _ = try await bedrock.getFoundationModel("anthropic.claude-3-haiku-20240307-v1:0")
        _ = try await bedrock.listInferenceProfiles(pageSize: 10)
        _ = try? await bedrock.getFoundationModel("acme.nothing-v1:0")
        // Only Bedrock events: the lookups themselves are recorded too, after they answer.
        let filter = LookupEventsRequest.matching(.eventSource, "bedrock.amazonaws.com")
        let whole = try await trail.lookupEvents(filter)
        #expect(whole.nextToken == nil)
        #expect(whole.events.count >= 5)

        var oneByOne = filter
        oneByOne.maxResults = 1
        let first = try await trail.lookupEvents(oneByOne)
        #expect(first.events.count == 1 && first.nextToken != nil)
        let paged = try await trail.lookupAllEvents(oneByOne)
        #expect(paged.map(\.eventID) == whole.events.map(\.eventID))
        #expect(Set(paged.map(\.eventID)).count == paged.count)
        #expect(paged.contains { $0.errorCode == "ResourceNotFoundException" })
        #expect(zip(paged, paged.dropFirst()).allSatisfy { $0.eventTime >= $1.eventTime })

        let capped = try await trail.lookupAllEvents(oneByOne, maxPages: 2)
        #expect(capped.map(\.eventID) == Array(whole.events.map(\.eventID).prefix(2)))
    }

    @Test func badLookupsAreTheServicesValidationErrors() async throws {
        let twoAttributes = LookupEventsRequest(
            attributes: [LookupAttribute(.eventName, "AssumeRole"), LookupAttribute(.readOnly, "true")])
        let error = await #expect(throws: ServiceError.self) { try await trail.lookupEvents(twoAttributes) }
        #expect(error?.code == "InvalidLookupAttributesException")
        #expect(error?.status == 400)
        #expect(error?.message.contains("more than one") == true)

        let badValue = await #expect(throws: ServiceError.self) {
            try await trail.lookupEvents(.matching(.eventName, ""))
        }
        #expect(badValue?.code == "InvalidLookupAttributesException")

        let badPage = await #expect(throws: ServiceError.self) {
            try await trail.lookupEvents(LookupEventsRequest(maxResults: 51))
        }
        #expect(badPage?.code == "InvalidMaxResultsException")

        let backwards = await #expect(throws: ServiceError.self) {
            try await trail.lookupEvents(LookupEventsRequest(startTime: .now, endTime: .now.addingTimeInterval(-60)))
        }
        #expect(backwards?.code == "InvalidTimeRangeException")
    }

    @Test func aTimeRangeSelectsTheEventsInside() async throws {
        _ = try await bedrock().listFoundationModels()
        let all = try await trail.lookupEvents(.matching(.eventName, "AssumeRole"))
        let event = try #require(all.events.first)
        var inside = LookupEventsRequest.matching(.eventName, "AssumeRole")
        inside.startTime = event.eventTime.addingTimeInterval(-1)
        inside.endTime = event.eventTime.addingTimeInterval(1)
        #expect(try await trail.lookupEvents(inside).events.map(\.eventID) == [event.eventID])
        var before = inside
        before.startTime = event.eventTime.addingTimeInterval(-7200)
        before.endTime = event.eventTime.addingTimeInterval(-3600)
        #expect(try await trail.lookupEvents(before).events.isEmpty)
    }
}
