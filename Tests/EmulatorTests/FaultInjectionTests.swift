import AWSWire
import SigV4
import RoleplaySync
import Synchronization
import Testing

@testable import Emulator

/// docs/faults.md: rules added through `/_roleplay/faults` answer matching calls with an error, the protocol's
/// throttling error, a delay, or a stream cut, for a count or with a seeded probability.
@Suite("FaultInjection")
struct FaultInjectionTests {
    static let account = "111111111111"
    let root = Credentials.root(FaultInjectionTests.account)

    @discardableResult
    func addRule(_ endpoint: TestEndpoint, _ rule: String) -> TestResponse {
        let response = endpoint.admin("POST", "/faults", body: rule)
        #expect(response.status == 200, "\(response)")
        return response
    }

    func rules(_ endpoint: TestEndpoint) -> [JSONValue] {
        endpoint.admin("GET", "/faults").json?["rules"]?.arrayValue ?? []
    }

    /// A signed CloudTrail LookupEvents (JSON 1.1).
    func lookupEvents(_ endpoint: TestEndpoint) -> TestResponse {
        let request = SigV4Request(
            method: "POST", path: "/",
            headers: [
                HTTPHeader("Content-Type", "application/x-amz-json-1.1"),
                HTTPHeader("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"),
            ],
            body: Array("{}".utf8))
        return endpoint.send(endpoint.sign(request, service: "cloudtrail", as: root))
    }

    @Test("an error rule with count 2 answers the next two matching calls in rest-json's error shape, then stops")
    func errorForCount() throws {
        let endpoint = TestEndpoint()
        addRule(
            endpoint,
            #"{"service": "bedrock", "operation": "ListFoundationModels", "error": {"code": "InternalServerException", "status": 500, "message": "boom"}, "count": 2}"#
        )
        var requestIDs: Set<String> = []
        for _ in 0..<2 {
            let response = endpoint.bedrock("/foundation-models", as: root)
            #expect(response.status == 500)
            #expect(response.header("x-amzn-ErrorType") == "InternalServerException")
            #expect(response.json == ["message": "boom"])
            requestIDs.insert(try #require(response.header("x-amzn-RequestId")))
        }
        #expect(requestIDs.count == 2)
        #expect(endpoint.bedrock("/foundation-models", as: root).status == 200)
        let listed = rules(endpoint)
        #expect(listed.count == 1)
        #expect(listed.first?["remaining"] == 0)
        #expect(listed.first?["hits"] == 2)
        #expect(listed.first?["id"] == 1)
    }

    @Test("a call failed by a fault rule is in CloudTrail once, with the injected errorCode (as AWS records throttling)")
    func faultedCallsAreRecorded() throws {
        let endpoint = TestEndpoint()
        addRule(endpoint, #"{"service": "bedrock", "operation": "ListFoundationModels", "throttle": true, "count": 1}"#)
        let throttled = endpoint.bedrock("/foundation-models", as: root)
        #expect(throttled.status == 429)
        let requestID = try #require(throttled.header("x-amzn-RequestId"))
        let events = try #require(lookupEvents(endpoint).json?["Events"]?.arrayValue)
        let records = events.compactMap(\.cloudTrailRecord).filter { $0["requestID"]?.stringValue == requestID }
        #expect(records.count == 1)
        #expect(records.first?["eventName"] == "ListFoundationModels")
        #expect(records.first?["errorCode"] == "ThrottlingException")
    }

    @Test("throttle answers in each protocol's own throttling error, the same every time")
    func throttlePerProtocol() throws {
        let endpoint = TestEndpoint()
        addRule(endpoint, #"{"throttle": true}"#)
        for _ in 0..<2 {
            let sts = endpoint.call(.sts, "GetCallerIdentity", as: root)
            #expect(sts.status == 400)
            #expect(sts.errorCode == "Throttling")
            #expect(sts.errorMessage == "Rate exceeded")
            #expect(sts.value("Error/Type") == "Sender")
            #expect(sts.requestID == sts.header("x-amzn-RequestId"))

            let bedrock = endpoint.bedrock("/inference-profiles", as: root)
            #expect(bedrock.status == 429)
            #expect(bedrock.header("x-amzn-ErrorType") == "ThrottlingException")
            #expect(bedrock.json == ["message": "Too many requests, please wait before trying again."])

            let trail = lookupEvents(endpoint)
            #expect(trail.status == 429)
            #expect(trail.json == ["__type": "ThrottlingException", "Message": "Rate exceeded"])
        }
        #expect(rules(endpoint).first?["hits"] == 6)
    }

    @Test("service, operation and caller (exact or glob) must all match")
    func matching() throws {
        let endpoint = TestEndpoint()
        addRule(
            endpoint,
            #"{"service": "sts", "operation": "GetCallerIdentity", "caller": "arn:aws:iam::1111*:root", "throttle": true}"#
        )
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: root).errorCode == "Throttling")
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: .root("222222222222")).status == 200)
        #expect(endpoint.call(.iam, "ListRoles", as: root).status == 200)
        #expect(endpoint.call(.sts, "GetSessionToken", as: root).status == 200)
        addRule(
            endpoint,
            #"{"caller": "arn:aws:iam::222222222222:root", "error": {"code": "ServiceUnavailable", "status": 503}}"#)
        let unavailable = endpoint.call(.iam, "ListRoles", as: .root("222222222222"))
        #expect(unavailable.status == 503)
        #expect(unavailable.errorCode == "ServiceUnavailable")
        #expect(unavailable.value("Error/Type") == "Receiver")
    }

    @Test("a request that fails authentication is answered as such, never faulted")
    func afterAuthentication() {
        let endpoint = TestEndpoint()
        addRule(endpoint, #"{"throttle": true}"#)
        let response = endpoint.call(
            .sts, "GetCallerIdentity", as: Credentials(accessKeyID: "AKIAUNKNOWN000000000", secretAccessKey: "x"))
        #expect(response.errorCode == "InvalidClientTokenId")
        #expect(rules(endpoint).first?["hits"] == 0)
    }

    @Test("a latency rule delays the call, which then succeeds")
    func latency() {
        let endpoint = TestEndpoint()
        addRule(endpoint, #"{"service": "sts", "latency_ms": 1, "count": 1}"#)
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: root).status == 200)
        #expect(rules(endpoint).first?["hits"] == 1)
    }

    @Test("a cut_stream_after rule lets the call run with cutStreamAfterChunks set")
    func cutStream() throws {
        let endpoint = TestEndpoint()
        addRule(endpoint, #"{"service": "bedrock-runtime", "operation": "ConverseStream", "cut_stream_after": 3}"#)
        var environment = RequestEnvironment.testing(account: Self.account)
        let converse = Route(service: .bedrockRuntime, operation: "Converse", parameters: .json([]))
        try endpoint.emulator.injectFault(converse, into: &environment)
        #expect(environment.cutStreamAfterChunks == nil)
        let stream = Route(service: .bedrockRuntime, operation: "ConverseStream", parameters: .json([]))
        try endpoint.emulator.injectFault(stream, into: &environment)
        #expect(environment.cutStreamAfterChunks == 3)
    }

    @Test("probability 0 never fires, 1 always; in between, a seeded emulator draws the same sequence every run")
    func probability() throws {
        func statuses(seed: UInt64, probability: String) -> [Int] {
            let endpoint = TestEndpoint(seed: seed)
            addRule(endpoint, #"{"service": "sts", "throttle": true, "probability": \#(probability)}"#)
            return (0..<40).map { _ in endpoint.call(.sts, "GetCallerIdentity", as: root).status }
        }
        #expect(statuses(seed: 7, probability: "0").allSatisfy { $0 == 200 })
        #expect(statuses(seed: 7, probability: "1").allSatisfy { $0 == 400 })
        let first = statuses(seed: 7, probability: "0.5")
        #expect(first == statuses(seed: 7, probability: "0.5"))
        #expect(first.contains(200) && first.contains(400))
    }

    @Test("the first matching rule with budget left decides, in the order added")
    func firstRuleWins() {
        let endpoint = TestEndpoint()
        addRule(endpoint, #"{"service": "sts", "error": {"code": "InternalFailure", "message": "first"}, "count": 1}"#)
        addRule(endpoint, #"{"service": "sts", "error": {"code": "InternalFailure", "message": "second"}, "count": 1}"#)
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: root).errorMessage == "first")
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: root).errorMessage == "second")
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: root).status == 200)
        #expect(rules(endpoint).map { $0["id"] } == [1, 2])
    }

    @Test("DELETE clears the rules, and so does a reset")
    func clearing() {
        let endpoint = TestEndpoint()
        addRule(endpoint, #"{"throttle": true}"#)
        #expect(endpoint.admin("DELETE", "/faults").status == 200)
        #expect(rules(endpoint).isEmpty)
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: root).status == 200)
        addRule(endpoint, #"{"throttle": true}"#)
        #expect(endpoint.admin("POST", "/reset").status == 200)
        #expect(rules(endpoint).isEmpty)
        #expect(endpoint.admin("PUT", "/faults").status == 405)
    }

    @Test("an injected failure is logged with decision - and its error code")
    func logged() {
        let records = Locked<[RequestLogRecord]>([])
        let endpoint = TestEndpoint { $0.requestLog = { record, _ in records.withLock { $0.append(record) } } }
        addRule(endpoint, #"{"service": "bedrock", "throttle": true}"#)
        _ = endpoint.bedrock("/foundation-models", as: root)
        let record = records.withLock { $0.last }
        #expect(record?.service == "bedrock")
        #expect(record?.operation == "ListFoundationModels")
        #expect(record?.caller == "arn:aws:iam::\(Self.account):root")
        #expect(record?.status == 429)
        #expect(record?.decision == "-")
        #expect(record?.errorCode == "ThrottlingException")
    }

    struct InvalidRule: Sendable, CustomTestStringConvertible {
        var body: String
        var message: String
        var testDescription: String { body }
    }

    @Test(
        "an invalid rule is 400 with a message saying what is wrong",
        arguments: [
            InvalidRule(body: "nope", message: "body is not JSON"),
            InvalidRule(body: "[]", message: "the rule must be a JSON object"),
            InvalidRule(body: #"{"throttle": true, "sevice": "sts"}"#, message: "unknown member sevice"),
            InvalidRule(
                body: #"{"service": "s3", "throttle": true}"#,
                message: "service must be one of sts, iam, bedrock, bedrock-runtime, cloudtrail"),
            InvalidRule(body: #"{"service": "sts"}"#, message: "give exactly one action"),
            InvalidRule(body: #"{"throttle": true, "latency_ms": 5}"#, message: "give exactly one action"),
            InvalidRule(body: #"{"throttle": false}"#, message: "throttle must be true"),
            InvalidRule(body: #"{"latency_ms": 600000}"#, message: "latency_ms must be an integer from 1 to 60000"),
            InvalidRule(
                body: #"{"throttle": true, "count": 0}"#, message: "count must be an integer from 1 to 1000000"),
            InvalidRule(
                body: #"{"throttle": true, "probability": 1.5}"#, message: "probability must be a number from 0 to 1"),
            InvalidRule(
                body: #"{"throttle": true, "count": 1, "probability": 0.5}"#,
                message: "give count or probability, not both"),
            InvalidRule(
                body: #"{"error": {"code": "Nope"}}"#, message: "error.code Nope is not a code the emulator sends"),
            InvalidRule(
                body: #"{"error": {"code": "ThrottlingException", "status": 200}}"#,
                message: "error.status must be an integer from 400 to 599"),
            InvalidRule(body: #"{"error": {"status": 500}}"#, message: "error.code is required"),
            InvalidRule(body: #"{"error": "ThrottlingException"}"#, message: "error must be an object"),
            InvalidRule(body: #"{"caller": "", "throttle": true}"#, message: "caller must be a non-empty string"),
        ])
    func invalidRules(_ c: InvalidRule) {
        let endpoint = TestEndpoint()
        let response = endpoint.admin("POST", "/faults", body: c.body)
        #expect(response.status == 400)
        #expect(response.json?["message"]?.stringValue?.hasPrefix(c.message) == true, "\(response)")
        #expect(rules(endpoint).isEmpty)
    }

    @Test("at most 1,000 rules are kept")
    func boundedRules() {
        let endpoint = TestEndpoint()
        for _ in 0..<FaultInjector.maxRules {
            _ = endpoint.admin("POST", "/faults", body: #"{"throttle": true, "count": 1}"#)
        }
        #expect(rules(endpoint).count == FaultInjector.maxRules)
        let refused = endpoint.admin("POST", "/faults", body: #"{"throttle": true}"#)
        #expect(refused.status == 400)
        #expect(refused.json?["message"]?.stringValue?.hasPrefix("at most 1000 fault rules") == true)
    }
}
