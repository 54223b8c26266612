/// What one thread of the soak saw: calls per operation, errors expected and not, latencies, and the request ID
/// of every successful call (for the CloudTrail reconciliation).
///
/// Each thread fills its own tally without locks; the tallies are merged once the threads have finished.
struct SoakTally: Sendable {
    /// A successful call: its request ID and the accounts whose event history must hold it exactly once.
    struct Success: Sendable, Hashable {
        var requestID: String
        var accounts: [String]
    }

    var calls: [SoakOperation: Int] = [:]
    var successes: [Success] = []
    /// Error responses whose code the fault plan asked for, by code.
    var expectedErrors: [String: Int] = [:]
    /// Request IDs of the injected failures (to count how many CloudTrail recorded).
    var injectedFailureIDs: [String] = []
    /// Streams that ended with the in-stream exception they asked for.
    var expectedStreamExceptions = 0
    var unexpectedCount = 0
    /// The first few unexpected answers, for the report.
    var unexpectedSamples: [String] = []
    /// Microseconds from the first byte sent to the last byte read, per operation.
    var latencies: [SoakOperation: [UInt32]] = [:]

    static let maxSamples = 20

    mutating func unexpected(_ operation: SoakOperation, _ reason: String) {
        unexpectedCount += 1
        if unexpectedSamples.count < Self.maxSamples { unexpectedSamples.append("\(operation.rawValue): \(reason)") }
    }

    mutating func unexpected(_ reason: String) {
        unexpectedCount += 1
        if unexpectedSamples.count < Self.maxSamples { unexpectedSamples.append(reason) }
    }

    mutating func merge(_ other: SoakTally) {
        calls.merge(other.calls, uniquingKeysWith: +)
        successes += other.successes
        expectedErrors.merge(other.expectedErrors, uniquingKeysWith: +)
        injectedFailureIDs += other.injectedFailureIDs
        expectedStreamExceptions += other.expectedStreamExceptions
        unexpectedCount += other.unexpectedCount
        unexpectedSamples += other.unexpectedSamples.prefix(max(0, Self.maxSamples - unexpectedSamples.count))
        latencies.merge(other.latencies, uniquingKeysWith: +)
    }

    var totalCalls: Int { calls.values.reduce(0, +) }
    var totalExpectedErrors: Int { expectedErrors.values.reduce(0, +) }
}
