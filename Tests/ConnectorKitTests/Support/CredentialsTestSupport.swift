import AWSWire
import ConnectorKit
import Emulator
import Foundation
import SigV4
import RoleplaySync
import Synchronization

extension EmulatorFixture {
    /// The emulator's virtual now (what STS dates `Expiration` from).
    var emulatorNow: Date { emulator.state.clock.now().date }

    /// STS as the SaaS connector user.
    var connectorSTS: STSClient {
        STSClient(region: Self.region, credentials: connector, configuration: configuration)
    }

    /// The guide's AssumeRole of the customer role with the right External ID.
    static func connectorRequest(session: String = "connector-session") -> AssumeRoleRequest {
        AssumeRoleRequest(roleARN: roleARN, roleSessionName: session, externalID: externalID)
    }

    /// The `AssumeRole` events in `account`'s CloudTrail history (us-east-1), newest first, read with
    /// `LookupEvents` as that account's root: the count of calls STS really served.
    func assumeRoleEvents(in account: String) async throws -> [JSONValue] {
        let lookup: JSONValue = [
            "LookupAttributes": [["AttributeKey": "EventName", "AttributeValue": "AssumeRole"]],
            "MaxResults": 50,
        ]
        let response = try await client(.cloudTrail, as: Self.root(account))
            .send(
                .json(
                    targetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", operation: "LookupEvents",
                    body: lookup))
        let answer = try JSONReader().decode(response.body)
        guard let events = answer["Events"]?.arrayValue else { throw FixtureError("LookupEvents answered no Events") }
        return events
    }

    /// The CloudTrail record (the `CloudTrailEvent` JSON string) of a LookupEvents entry.
    static func record(of event: JSONValue) throws -> JSONValue {
        guard let text = event["CloudTrailEvent"]?.stringValue else { throw FixtureError("event without a record") }
        return try JSONReader().decode(text)
    }
}

/// A clock a test sets by hand, read by the provider under test from any thread.
final class ProviderTestClock: Sendable {
    private let current: Locked<Date>

    init(_ start: Date) { current = Locked(start) }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) { current.withLock { $0 = date } }

    /// A `now` closure for a provider.
    var reader: @Sendable () -> Date { { [self] in now } }
}

/// A count shared by concurrent tasks.
final class CallerCount: Sendable {
    private let count = Locked(0)

    var value: Int { count.withLock { $0 } }

    func increment() { count.withLock { $0 += 1 } }
}

/// A fresh directory for profile files, removed when the test is done with it.
struct ProfileScratchDirectory: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("connectorkit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Answers every request 200 with one fixed body: a success answer the emulator would never send.
struct CannedSuccessTransport: Transport {
    let body: String

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        TransportResponse(status: 200, headers: [], body: ResponseBody(bytes: Array(body.utf8)))
    }
}

/// Passes requests on to `next`, but holds each one until `open()`: lets a test have every caller waiting on
/// a refresh before the refresh's answer arrives.
final class RefreshGateTransport: Transport {
    let next: any Transport
    private let isOpen = Locked(false)

    init(_ next: any Transport) { self.next = next }

    func open() { isOpen.withLock { $0 = true } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        while !isOpen.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(1)) }
        return try await next.send(request)
    }
}
