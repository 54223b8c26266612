import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Spec §8.1: LookupEvents over a small history — every lookup attribute, time ranges, paging, the errors,
/// region scoping, the 90-day retention and the delivery lag on the virtual clock.
@Suite("CloudTrail LookupEvents")
struct CloudTrailLookupTests {
    static let account = "111111111111"
    static let root = Credentials.root(account)
    static let roleARN = "arn:aws:iam::111111111111:role/Target"

    /// One account's history, a minute apart: root's CreateUser, CreateAccessKey, CreateRole; then alice's
    /// GetCallerIdentity and AssumeRole of `Target` (newest).
    struct History {
        let endpoint: TestEndpoint
        let alice: Credentials

        init(configure: (inout EmulatorConfiguration) -> Void = { _ in }) throws {
            endpoint = TestEndpoint(configure: configure)
            endpoint.call(.iam, "CreateUser", ["UserName": "alice"], as: CloudTrailLookupTests.root).expectSuccess(
                "CreateUser")
            endpoint.advanceVirtualClock(seconds: 60)
            let key = try endpoint.call(.iam, "CreateAccessKey", ["UserName": "alice"], as: CloudTrailLookupTests.root)
                .succeeded("CreateAccessKey")
            alice = Credentials(
                accessKeyID: try #require(key.value("AccessKey/AccessKeyId")),
                secretAccessKey: try #require(key.value("AccessKey/SecretAccessKey")))
            endpoint.advanceVirtualClock(seconds: 60)
            try endpoint.createRole(
                "Target",
                trust: ConnectorFlow.trustPolicy(principal: "arn:aws:iam::111111111111:root", externalID: nil),
                in: CloudTrailLookupTests.account)
            try endpoint.call(
                .iam, "PutUserPolicy",
                [
                    "UserName": "alice", "PolicyName": "p",
                    "PolicyDocument": ConnectorFlow.allowPolicy(["sts:AssumeRole"]),
                ],
                as: CloudTrailLookupTests.root
            ).succeeded("PutUserPolicy")
            endpoint.advanceVirtualClock(seconds: 60)
            endpoint.call(.sts, "GetCallerIdentity", as: alice).expectSuccess("GetCallerIdentity")
            endpoint.advanceVirtualClock(seconds: 60)
            endpoint.call(
                .sts, "AssumeRole", ["RoleArn": CloudTrailLookupTests.roleARN, "RoleSessionName": "s1"], as: alice
            )
            .expectSuccess("AssumeRole")
        }

        /// The `EventName`s LookupEvents returns for `body`, newest first.
        func names(_ body: JSONValue, region: String = "us-east-1") throws -> [String] {
            let response = endpoint.lookupEvents(body, as: CloudTrailLookupTests.root, region: region)
            try #require(response.status == 200, "\(response)")
            return try response.lookupEvents().map { $0["EventName"]?.stringValue ?? "-" }
        }

        func filter(_ key: String, _ value: String) -> JSONValue {
            ["LookupAttributes": [["AttributeKey": .string(key), "AttributeValue": .string(value)]]]
        }
    }

    static let start = TestEndpoint.epoch.secondsSince1970

    @Test("no filter: every event of the account, newest first")
    func everything() throws {
        let history = try History()
        #expect(
            try history.names([:])
                == ["AssumeRole", "GetCallerIdentity", "PutUserPolicy", "CreateRole", "CreateAccessKey", "CreateUser"])
    }

    @Test(
        "each lookup attribute selects exactly its events",
        arguments: [
            ("EventName", "CreateRole", ["CreateRole"]),
            ("ReadOnly", "true", ["AssumeRole", "GetCallerIdentity"]),
            ("ReadOnly", "false", ["PutUserPolicy", "CreateRole", "CreateAccessKey", "CreateUser"]),
            ("Username", "alice", ["AssumeRole", "GetCallerIdentity"]),
            ("Username", "root", ["PutUserPolicy", "CreateRole", "CreateAccessKey", "CreateUser"]),
            ("ResourceType", "AWS::IAM::Role", ["AssumeRole"]),
            ("ResourceName", roleARN, ["AssumeRole"]),
            ("EventSource", "sts.amazonaws.com", ["AssumeRole", "GetCallerIdentity"]),
            ("EventSource", "iam.amazonaws.com", ["PutUserPolicy", "CreateRole", "CreateAccessKey", "CreateUser"]),
            ("AccessKeyId", "111111111111", ["PutUserPolicy", "CreateRole", "CreateAccessKey", "CreateUser"]),
            ("EventName", "DeleteRole", []),
        ])
    func attribute(_ key: String, _ value: String, _ expected: [String]) throws {
        let history = try History()
        #expect(try history.names(history.filter(key, value)) == expected)
    }

    @Test("AccessKeyId finds a user's key; EventId finds one event; each entry has the §8.1 members")
    func accessKeyAndEventID() throws {
        let history = try History()
        let response = history.endpoint.lookupEvents(
            history.filter("AccessKeyId", history.alice.accessKeyID), as: Self.root)
        let events = try response.lookupEvents()
        #expect(events.map { $0["EventName"] } == ["AssumeRole", "GetCallerIdentity"])
        let newest = try #require(events.first)
        #expect(newest["ReadOnly"] == "true")
        #expect(newest["Username"] == "alice")
        #expect(newest["AccessKeyId"] == .string(history.alice.accessKeyID))
        #expect(newest["EventTime"] == .int(Self.start + 240))
        #expect(newest["EventSource"] == "sts.amazonaws.com")
        #expect(newest["Resources"] == [["ResourceType": "AWS::IAM::Role", "ResourceName": .string(Self.roleARN)]])
        #expect(newest.cloudTrailRecord?["eventID"] == newest["EventId"])
        let id = try #require(newest["EventId"]?.stringValue)
        #expect(try history.names(history.filter("EventId", id)) == ["AssumeRole"])
        #expect(try history.names(history.filter("EventId", "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9")) == [])
    }

    @Test("StartTime and EndTime are inclusive epoch seconds")
    func timeRange() throws {
        let history = try History()
        #expect(
            try history.names(["StartTime": .int(Self.start + 60), "EndTime": .int(Self.start + 180)])
                == ["GetCallerIdentity", "PutUserPolicy", "CreateRole", "CreateAccessKey"])
        let sts = history.filter("EventSource", "sts.amazonaws.com")
        #expect(try history.names(sts.merging(["StartTime": .double(Double(Self.start) + 180.5)])) == ["AssumeRole"])
        #expect(
            try history.names(sts.merging(["StartTime": .double(Double(Self.start) + 179.5)])) == [
                "AssumeRole", "GetCallerIdentity",
            ])
        #expect(try history.names(["EndTime": .int(Self.start)]) == ["CreateUser"])
        #expect(
            try history.names(history.filter("Username", "root").merging(["EndTime": .int(Self.start + 60)]))
                == ["CreateAccessKey", "CreateUser"])
    }

    @Test("MaxResults pages through the history with NextToken; the token is tied to the parameters")
    func paging() throws {
        let history = try History()
        var names: [String] = []
        var token: String?
        var pages = 0
        repeat {
            var body: [JSONMember] = [
                JSONMember("MaxResults", 4),
                JSONMember("LookupAttributes", [["AttributeKey": "AccessKeyId", "AttributeValue": "111111111111"]]),
            ]
            if let token { body.append(JSONMember("NextToken", .string(token))) }
            let response = history.endpoint.lookupEvents(.object(body), as: Self.root)
            names += try response.lookupEvents().map { $0["EventName"]?.stringValue ?? "-" }
            token = response.json?["NextToken"]?.stringValue
            pages += 1
        } while token != nil && pages < 10
        // The first lookup is itself recorded (root's key), after its own answer.
        #expect(names == ["PutUserPolicy", "CreateRole", "CreateAccessKey", "CreateUser"])
        #expect(pages == 1)

        let iam = history.filter("EventSource", "iam.amazonaws.com")
        let first = history.endpoint.lookupEvents(iam.merging(["MaxResults": 2]), as: Self.root)
        #expect(try first.lookupEvents().map { $0["EventName"] } == ["PutUserPolicy", "CreateRole"])
        let next = try #require(first.json?["NextToken"]?.stringValue)
        let second = history.endpoint.lookupEvents(
            iam.merging(["MaxResults": 2, "NextToken": .string(next)]), as: Self.root)
        #expect(try second.lookupEvents().map { $0["EventName"] } == ["CreateAccessKey", "CreateUser"])
        #expect(second.json?["NextToken"] == nil)
        let changed = history.endpoint.lookupEvents(
            history.filter("ReadOnly", "true").merging(["NextToken": .string(next)]), as: Self.root)
        #expect(changed.status == 400)
        #expect(changed.jsonErrorType == "InvalidNextTokenException")
        let forged = history.endpoint.lookupEvents(["NextToken": "bm90LWEtdG9rZW4="], as: Self.root)
        #expect(forged.jsonErrorType == "InvalidNextTokenException")
    }

    @Test(
        "invalid parameters answer CloudTrail's exceptions",
        arguments: [
            (
                #"{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"A"},{"AttributeKey":"Username","AttributeValue":"b"}]}"#,
                "InvalidLookupAttributesException"
            ),
            (
                #"{"LookupAttributes":[{"AttributeKey":"Color","AttributeValue":"red"}]}"#,
                "InvalidLookupAttributesException"
            ),
            (
                #"{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":""}]}"#,
                "InvalidLookupAttributesException"
            ),
            (
                #"{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"\#(String(repeating: "x", count: 2001))"}]}"#,
                "InvalidLookupAttributesException"
            ),
            (#"{"StartTime":1736942500,"EndTime":1736942400}"#, "InvalidTimeRangeException"),
            (#"{"MaxResults":0}"#, "InvalidMaxResultsException"),
            (#"{"MaxResults":51}"#, "InvalidMaxResultsException"),
            (#"{"EventCategory":"management"}"#, "InvalidEventCategoryException"),
            (#"{"StartTime":"yesterday"}"#, "SerializationException"),
            (#"[1]"#, "SerializationException"),
        ])
    func errors(_ body: String, _ code: String) throws {
        let endpoint = TestEndpoint()
        let request = SigV4Request(
            method: "POST", path: "/",
            headers: [
                HTTPHeader("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"),
                HTTPHeader("Content-Type", "application/x-amz-json-1.1"),
            ], body: Array(body.utf8))
        let response = endpoint.send(endpoint.sign(request, service: "cloudtrail", as: Self.root))
        #expect(response.status == 400)
        #expect(response.jsonErrorType == code)
        #expect(response.json?["Message"]?.stringValue?.isEmpty == false)
    }

    @Test("LookupEvents is itself recorded, with its filter, after it answers")
    func lookupIsRecorded() throws {
        let history = try History()
        #expect(try !history.names(history.filter("EventName", "CreateUser")).contains("LookupEvents"))
        let records = try history.endpoint.records("EventName", "LookupEvents", as: Self.root)
        try #require(records.count == 1)
        #expect(records[0]["eventSource"] == "cloudtrail.amazonaws.com")
        #expect(
            records[0]["requestParameters"]
                == [
                    "lookupAttributes": [["attributeKey": "EventName", "attributeValue": "CreateUser"]],
                    "maxResults": 50,
                ])
    }

    @Test("EventCategory insight answers an empty list (the emulator records no Insights events)")
    func insights() throws {
        let history = try History()
        #expect(try history.names(["EventCategory": "insight"]) == [])
    }

    @Test("events stay in the account and region they were recorded in; IAM's are in us-east-1")
    func regionScoping() throws {
        let history = try History()
        history.endpoint.call(.sts, "GetCallerIdentity", as: history.alice, region: "eu-west-1")
            .expectSuccess("GetCallerIdentity")
        #expect(try history.names([:], region: "eu-west-1") == ["GetCallerIdentity"])
        #expect(!(try history.names([:]).isEmpty))
        let other = history.endpoint.lookupEvents([:], as: .root("222222222222"))
        #expect(try other.lookupEvents().isEmpty)
    }

    @Test("events older than 90 days of virtual time are gone")
    func retention() throws {
        let history = try History()
        history.endpoint.advanceVirtualClock(seconds: 90 * 86_400 - 120)
        #expect(try history.names([:]) == ["AssumeRole", "GetCallerIdentity", "PutUserPolicy", "CreateRole"])
        history.endpoint.advanceVirtualClock(seconds: 86_400)
        // Only the lookups made just above remain (they are recent).
        #expect(try history.names(history.filter("EventSource", "iam.amazonaws.com")) == [])
    }

    @Test("a caller without cloudtrail:LookupEvents is denied with AccessDeniedException")
    func denied() throws {
        let history = try History()
        let response = history.endpoint.lookupEvents([:], as: history.alice)
        #expect(response.jsonErrorType == "AccessDeniedException")
        let managed = history.endpoint.call(
            .iam, "AttachUserPolicy",
            ["UserName": "alice", "PolicyArn": "arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess"], as: Self.root)
        try #require(managed.status == 200, "\(managed)")
        #expect(history.endpoint.lookupEvents([:], as: history.alice).status == 200)
    }

    @Test("with a delivery lag, an event shows only once the virtual clock passes it")
    func deliveryLag() throws {
        let endpoint = TestEndpoint(configure: { $0.cloudTrailLag = try! #require(DeliveryLag("5m..15m")) })
        endpoint.call(.iam, "CreateUser", ["UserName": "dave"], as: Self.root).expectSuccess("CreateUser")
        let filter: JSONValue = ["LookupAttributes": [["AttributeKey": "EventName", "AttributeValue": "CreateUser"]]]
        #expect(try endpoint.lookupEvents(filter, as: Self.root).lookupEvents().isEmpty)
        endpoint.advanceVirtualClock(seconds: 299)
        #expect(try endpoint.lookupEvents(filter, as: Self.root).lookupEvents().isEmpty)
        endpoint.advanceVirtualClock(seconds: 601)
        let events = try endpoint.lookupEvents(filter, as: Self.root).lookupEvents()
        #expect(events.count == 1)
        #expect(events.first?["EventTime"] == .int(Self.start))
    }
}

extension JSONValue {
    /// This object with `other`'s members added.
    func merging(_ other: JSONValue) -> JSONValue {
        .object((objectValue ?? []) + (other.objectValue ?? []))
    }
}
