/// Matches the request IDs of the calls that succeeded against the events CloudTrail holds.
///
/// Every successful call must be present exactly once in each account's event history it belongs to: a cross-
/// account AssumeRole in the caller's account and in the role owner's, anything else in the caller's. A missing
/// event is lost, a second one with the same request ID in the same account is duplicated, and an event whose
/// request ID the soak never saw succeed is unaccounted — unless it is one of the failures the soak injected.
/// Those must be present exactly once too, in the caller's account: AWS records a throttled call with its
/// errorCode, and so does the emulator (docs/faults.md).
struct TrailReconciliation: Sendable {
    /// Per "account/requestID": how many times the soak expects it (always 1), and how many events were seen.
    private var expected: Set<String> = []
    private var seen: [String: Int] = [:]
    private var injected: Set<String> = []
    private var injectedSeen: [String: Int] = [:]
    private(set) var unaccounted = 0
    private(set) var unaccountedSamples: [String] = []
    private(set) var eventsRead = 0

    init() {}

    /// Successful calls that carried a request ID another call had already carried (IDs must be unique).
    private(set) var reusedRequestIDs = 0

    mutating func expect(requestID: String, account: String) {
        if !expected.insert(account + "/" + requestID).inserted { reusedRequestIDs += 1 }
    }

    mutating func injectedFailure(requestID: String) { injected.insert(requestID) }

    /// One event read back from `account`'s history.
    mutating func observe(requestID: String, account: String) {
        eventsRead += 1
        let key = account + "/" + requestID
        if expected.contains(key) {
            seen[key, default: 0] += 1
        } else if injected.contains(requestID) {
            injectedSeen[requestID, default: 0] += 1
        } else {
            unaccounted += 1
            if unaccountedSamples.count < 10 { unaccountedSamples.append(key) }
        }
    }

    var expectedCount: Int { expected.count }
    /// Expected events never seen.
    var lost: Int { expected.count - seen.count }
    /// Expected events seen more than once (each extra copy counts).
    var duplicated: Int { seen.values.reduce(0) { $0 + max(0, $1 - 1) } }
    /// Up to `limit` lost keys, for the report.
    func lostSamples(_ limit: Int = 10) -> [String] { Array(expected.lazy.filter { seen[$0] == nil }.prefix(limit)) }

    var injectedCount: Int { injected.count }
    /// Injected failures recorded (each once or more), never recorded, and recorded more than once.
    var injectedRecorded: Int { injectedSeen.count }
    var injectedLost: Int { injected.count - injectedSeen.count }
    var injectedDuplicated: Int { injectedSeen.values.reduce(0) { $0 + max(0, $1 - 1) } }

    var holds: Bool {
        lost == 0 && duplicated == 0 && unaccounted == 0 && reusedRequestIDs == 0 && injectedLost == 0
            && injectedDuplicated == 0
    }
}
