import AWSWire
import Dispatch
import SigV4
import RoleplaySync
import Synchronization
import Testing

@testable import Emulator

/// What every request gets from the pipeline whatever the service: a request ID (spec §3.4), one request-log
/// record, a decision-log entry when it was authorized, and the same answer under concurrency.
@Suite("Pipeline")
struct PipelineTests {
    /// Collects the request log (the `roleplay serve` log line's data).
    final class LogSink: Sendable {
        let records = Locked<[RequestLogRecord]>([])

        func append(_ record: RequestLogRecord) { records.withLock { $0.append(record) } }
        var all: [RequestLogRecord] { records.withLock { $0 } }
    }

    let log = LogSink()
    let endpoint: TestEndpoint

    init() {
        let sink = log
        endpoint = TestEndpoint { $0.requestLog = { record, _ in sink.append(record) } }
    }

    static func isUUIDv4(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        let hex = text.allSatisfy { $0 == "-" || ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        let variant = text.dropFirst(19).first.map { "89ab".contains($0) } ?? false
        return parts == [8, 4, 4, 4, 12] && hex && text.dropFirst(14).first == "4" && variant
    }

    @Test("every response carries a fresh lowercase UUID v4 request ID, the same in header and body")
    func requestIDs() throws {
        let responses = [
            endpoint.call(.sts, "GetCallerIdentity", as: .root("111111111111")),
            endpoint.call(.sts, "GetCallerIdentity", as: .root("111111111111")),
            endpoint.call(
                .sts, "GetCallerIdentity", as: Credentials(accessKeyID: "AKIAUNKNOWNKEY000000", secretAccessKey: "x")),
            endpoint.call(.iam, "Frobnicate", as: .root("111111111111")),
        ]
        var seen = Set<String>()
        for response in responses {
            let id = try #require(response.header("x-amzn-RequestId"))
            #expect(Self.isUUIDv4(id), "\(id)")
            #expect(response.requestID == id)
            #expect(seen.insert(id).inserted)
        }
    }

    @Test("each request is logged once, with service, operation, caller, status and decision")
    func requestLog() throws {
        let flow = try endpoint.connectorFlow()
        let before = log.all.count
        let allowed = endpoint.assumeConnectorRole(flow)
        let denied = endpoint.assumeConnectorRole(flow, externalID: "wrong-external-id")
        let unauthenticated = endpoint.call(
            .sts, "GetCallerIdentity", as: Credentials(accessKeyID: "AKIAUNKNOWNKEY000000", secretAccessKey: "x"))
        _ = endpoint.admin("GET", "/health")
        let records = Array(log.all.dropFirst(before))
        try #require(records.count == 4)

        #expect(records[0].requestID == allowed.requestID)
        #expect(records[0].service == "sts" && records[0].operation == "AssumeRole")
        #expect(records[0].caller == ConnectorFlow.userARN)
        #expect(records[0].status == 200 && records[0].decision == "allow" && records[0].errorCode == nil)

        #expect(records[1].requestID == denied.requestID)
        #expect(records[1].status == 403 && records[1].decision == "deny" && records[1].errorCode == "AccessDenied")

        #expect(records[2].requestID == unauthenticated.requestID)
        #expect(records[2].caller == "-" && records[2].errorCode == "InvalidClientTokenId")

        #expect(records[3].service == "admin" && records[3].operation == "GET /_roleplay/health")
    }

    @Test("a request that needs no permission is logged without a decision and leaves none to explain")
    func noDecision() throws {
        let response = endpoint.call(.sts, "GetCallerIdentity", as: .root("111111111111"))
        #expect(log.all.last?.decision == "-")
        let requestID = try #require(response.requestID)
        #expect(endpoint.admin("GET", "/decisions?request_id=\(requestID)").status == 404)
    }

    @Test("the decision log forgets the oldest request beyond its capacity")
    func decisionLogCapacity() throws {
        let endpoint = TestEndpoint { $0.decisionLogCapacity = 2 }
        let flow = try endpoint.connectorFlow()
        let ids = (0..<3).compactMap { _ in
            endpoint.assumeConnectorRole(flow, externalID: "wrong-external-id").requestID
        }
        try #require(ids.count == 3)
        #expect(endpoint.admin("GET", "/decisions?request_id=\(ids[0])").status == 404)
        #expect(endpoint.admin("GET", "/decisions?request_id=\(ids[1])").status == 200)
        #expect(endpoint.admin("GET", "/decisions?request_id=\(ids[2])").status == 200)
    }

    @Test("allowed requests are kept in their own, shorter ring, so denials outlive them")
    func allowedDecisionLogCapacity() throws {
        let endpoint = TestEndpoint {
            $0.decisionLogCapacity = 2
            $0.allowedDecisionLogCapacity = 1
        }
        let flow = try endpoint.connectorFlow()
        let denied = try #require(endpoint.assumeConnectorRole(flow, externalID: "wrong-external-id").requestID)
        let first = try #require(endpoint.assumeConnectorRole(flow).requestID)
        let second = try #require(endpoint.assumeConnectorRole(flow).requestID)
        #expect(endpoint.admin("GET", "/decisions?request_id=\(first)").status == 404)
        let explained = endpoint.admin("GET", "/decisions?request_id=\(second)")
        #expect(explained.status == 200)
        #expect(explained.body.contains("\"decision\":\"allowed\""))
        #expect(endpoint.admin("GET", "/decisions?request_id=\(denied)").status == 200)
    }

    @Test("concurrent AssumeRoles all succeed with distinct credentials")
    func concurrency() throws {
        let flow = try endpoint.connectorFlow()
        let keys = Locked<[String]>([])
        let endpoint = self.endpoint
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let response = endpoint.assumeConnectorRole(flow, sessionName: "s\(index)")
            if let key = response.credentials?.accessKeyID { keys.withLock { $0.append(key) } }
        }
        let issued = keys.withLock { $0 }
        #expect(issued.count == 64)
        #expect(Set(issued).count == 64)
    }
}
