import AWSWire
import Testing

@testable import Emulator

/// The event store on its own: the bound on retained events, the journal form, the delivery lag's parsing
/// and its draw, and the monotonic event time.
@Suite("CloudTrail store")
struct CloudTrailStoreTests {
    static let ids = IDGenerator(seed: 7)

    static func event(_ name: String, at time: Int64, account: String = "111111111111", lag: Int64 = 0)
        -> CloudTrailEvent
    {
        CloudTrailEvent(
            eventID: EventID(ids), eventTime: time, visibleAt: time + lag, recipientAccountID: account,
            region: "us-east-1", eventSource: "iam.amazonaws.com", eventName: name, readOnly: false,
            userIdentity: #"{"type":"Root","principalId":"111111111111"}"#, username: "root",
            accessKeyID: "111111111111",
            sourceIPAddress: "127.0.0.1", userAgent: "test", requestParameters: #"{"userName":"\#(name)"}"#,
            responseElements: nil, additionalEventData: nil, requestID: EventID(ids), sharedEventID: EventID(ids),
            resources: [
                TrailResource(accountID: account, type: "AWS::IAM::User", arn: "arn:aws:iam::\(account):user/\(name)")
            ],
            host: "127.0.0.1:4590", errorCode: "NoSuchEntity", errorMessage: "none")
    }

    static func query(_ attribute: (LookupAttributeKey, String)? = nil, max: Int = 50) -> LookupQuery {
        LookupQuery(
            account: "111111111111", region: "us-east-1", attribute: attribute.map { (key: $0.0, value: $0.1) },
            startTime: nil, endTime: nil, maxResults: max, before: nil)
    }

    @Test("the oldest events are dropped beyond the bound, from every index")
    func bound() {
        let store = CloudTrailStore(maxEvents: 3)
        for index in 0..<5 { store.append([Self.event("E\(index)", at: 1_000 + Int64(index))]) }
        #expect(store.count == 3)
        #expect(store.lookup(Self.query(), now: 2_000).events.map(\.eventName) == ["E4", "E3", "E2"])
        #expect(store.lookup(Self.query((.eventName, "E1")), now: 2_000).events.isEmpty)
        #expect(
            store.lookup(Self.query((.resourceName, "arn:aws:iam::111111111111:user/E0")), now: 2_000).events.isEmpty)
        #expect(store.lookup(Self.query((.username, "root")), now: 2_000).events.count == 3)
    }

    @Test("dropping many events keeps the indexes consistent (compaction of the log and the lists)")
    func manyDrops() {
        let store = CloudTrailStore(maxEvents: 100)
        for index in 0..<5_000 { store.append([Self.event(index % 2 == 0 ? "Even" : "Odd", at: Int64(index))]) }
        let page = store.lookup(Self.query((.eventName, "Odd"), max: 20), now: 100_000)
        #expect(page.events.count == 20)
        #expect(page.events.first?.eventTime == 4_999)
        #expect(page.continueBefore != nil)
        let all = store.allEvents()
        #expect(all.count == 100)
        #expect(all.first?.eventTime == 4_900)
    }

    @Test("an event survives the journal byte for byte")
    func journalRoundTrip() throws {
        let event = Self.event("CreateUser", at: 1_736_942_400, lag: 300)
        let restored = try CloudTrailEvent(journalBytes: event.journalBytes())
        #expect(restored == event)
        #expect(restored.recordJSON == event.recordJSON)
    }

    @Test("restored events are found as recorded ones are; an unreadable record is skipped and counted")
    func restore() throws {
        let store = CloudTrailStore()
        let events = (0..<3).map { Self.event("E\($0)", at: 1_000 + Int64($0)) }
        #expect(store.restore(journalBytes: events.map { $0.journalBytes() } + [Array("{}".utf8)]) == 1)
        #expect(store.allEvents() == events)
    }

    @Test(
        "journal bytes that are not a record are refused",
        arguments: [
            "", "{}", #"{"v":2,"visibleAt":0,"record":{}}"#, #"{"v":1,"visibleAt":0,"record":{"eventID":"x"}}"#,
        ])
    func badJournal(_ text: String) {
        #expect(throws: JournalRecordError.self) { try CloudTrailEvent(journalBytes: Array(text.utf8)) }
    }

    @Test("event time never goes back: a clock moved back records the latest time already recorded")
    func monotonic() {
        let store = CloudTrailStore()
        store.append([Self.event("Late", at: 2_000)])
        store.append([Self.event("Early", at: 1_000)])
        #expect(store.lookup(Self.query(), now: 3_000).events.map(\.eventTime) == [2_000, 2_000])
    }

    @Test(
        "delivery lag: 0, one duration, or a range; anything else is refused",
        arguments: [
            ("0", 0, 0), ("5m", 300, 300), ("5m..15m", 300, 900), ("90s", 90, 90), ("1h", 3_600, 3_600), ("30", 30, 30),
        ] as [(String, Int64, Int64)])
    func lagParsing(_ text: String, _ minimum: Int64, _ maximum: Int64) throws {
        let lag = try #require(DeliveryLag(text))
        #expect(lag.minimumSeconds == minimum && lag.maximumSeconds == maximum)
    }

    @Test("bad lags", arguments: ["", "15m..5m", "5x", "..", "5m..", "25h", "-5m", "5m..15m..20m"])
    func badLag(_ text: String) {
        #expect(DeliveryLag(text) == nil)
    }

    @Test("each event's lag is fixed by its ID and lies within the range")
    func lagDraw() throws {
        let lag = try #require(DeliveryLag("5m..15m"))
        let draws = (0..<200).map { _ in lag.seconds(for: EventID(Self.ids)) }
        #expect(draws.allSatisfy { (300...900).contains($0) })
        #expect(Set(draws).count > 50)
        let id = EventID(Self.ids)
        #expect(lag.seconds(for: id) == lag.seconds(for: id))
    }

    @Test("event IDs are version 4 UUIDs and parse back")
    func eventIDs() throws {
        let id = EventID(Self.ids)
        let text = id.text
        #expect(text.count == 36)
        #expect(Array(text)[14] == "4")
        #expect("89ab".contains(Array(text)[19]))
        #expect(EventID(text) == id)
        #expect(EventID(text.uppercased()) == id)
        #expect(EventID("not-a-uuid") == nil)
    }
}
