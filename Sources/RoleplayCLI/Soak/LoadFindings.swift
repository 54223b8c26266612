import Foundation

/// What the load phase measured, and the report and verdict drawn from it.
///
/// Kept apart from the phase that gathers the figures so the assertions can be read (and tested) in one place:
/// each `failures` entry is one assertion that did not hold, with its reason.
struct LoadFindings {
    var connections: Int
    var idleConnections: Int
    var rssBound: RSSBound
    var tally: SoakTally
    /// Seconds the load ran.
    var elapsed: Double
    var idle: IdleConnectionPool.Report
    var startKiB: Int
    var endKiB: Int
    var maxKiB: Int
    /// Hits of the fault rules that answer with an error, and of the latency rules.
    var injectedErrors: Int
    var latencyHits: Int
    var reconciliation: TrailReconciliation
    var pages: Int
    var reconcileSeconds: Double
    /// How the server ended on SIGTERM; nil when it did not within the wait.
    var termination: SoakServer.Termination?

    /// Events the server retained (all read back from CloudTrail).
    var events: Int { reconciliation.eventsRead }
    var growthBytes: Int { (endKiB - startKiB) * 1024 }

    /// The figures, a few plain lines.
    var lines: [String] {
        var lines: [String] = []
        let total = tally.totalCalls
        let rate = elapsed > 0 ? Int((Double(total) / elapsed).rounded()) : 0
        lines.append(
            "load: \(total) requests in \(Int(elapsed.rounded())) s (\(rate) req/s) on \(connections) keep-alive "
                + "connections, plus \(idleConnections) idle or half-written")
        for operation in SoakOperation.allCases {
            let name = operation.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0)
            let figures =
                LatencySummary(microseconds: tally.latencies[operation] ?? []).map(Self.figures) ?? "no samples"
            lines.append("  \(name) \(tally.calls[operation] ?? 0) calls  \(figures)")
        }
        if let all = LatencySummary(microseconds: tally.latencies.values.flatMap { $0 }) {
            lines.append("  all: \(Self.figures(all))")
        }
        let expected = tally.expectedErrors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append(
            "errors: \(tally.totalExpectedErrors + tally.unexpectedCount) (expected \(tally.totalExpectedErrors): "
                + "\(expected.joined(separator: ", ")); unexpected \(tally.unexpectedCount)); in-stream "
                + "\(SoakFaultPlan.streamErrorCode) as asked: \(tally.expectedStreamExceptions); fault rules hit: "
                + "\(injectedErrors) errors, \(latencyHits) delays")
        lines.append(
            "cloudtrail: \(reconciliation.expectedCount) events expected (\(tally.successes.count) successful calls), "
                + "\(events) read in \(pages) pages (\(Int(reconcileSeconds.rounded())) s): \(reconciliation.lost) lost, "
                + "\(reconciliation.duplicated) duplicated, \(reconciliation.unaccounted) unaccounted; injected failures "
                + "recorded: \(reconciliation.injectedRecorded) of \(reconciliation.injectedCount), "
                + "\(reconciliation.injectedLost) lost, \(reconciliation.injectedDuplicated) duplicated")
        lines.append(
            "rss: start \(Self.mib(startKiB * 1024)), end \(Self.mib(endKiB * 1024)), max \(Self.mib(maxKiB * 1024)); "
                + "growth \(Self.mib(growthBytes)) = \(events > 0 ? growthBytes / events : 0) B per retained event; "
                + "bound \(Self.mib(rssBound.allowedGrowth(events: events))) (\(Self.mib(rssBound.slackBytes)) + "
                + "\(rssBound.bytesPerEvent) B x \(events) events)")
        lines.append(
            "idle: \(idle.opened) opened, \(idle.closedByServer) closed by the server after at most "
                + "\(Int(idle.longestLifetime.rounded())) s and replaced, \(idle.overdue) overdue")
        lines.append(
            "server: alive at the end; SIGTERM: \(termination.map(String.init(describing:)) ?? "no exit within 15 s")")
        return lines
    }

    /// Every assertion that did not hold, with its reason; empty when the phase passed.
    var failures: [String] {
        var failures: [String] = []
        if tally.unexpectedCount > 0 {
            failures.append(
                "\(tally.unexpectedCount) unexpected errors, first: " + tally.unexpectedSamples.joined(separator: " | ")
            )
        }
        if injectedErrors != tally.totalExpectedErrors {
            failures.append(
                "the fault rules injected \(injectedErrors) errors but the clients saw \(tally.totalExpectedErrors)")
        }
        if !reconciliation.holds {
            failures.append(
                "CloudTrail: \(reconciliation.lost) lost \(reconciliation.lostSamples()), \(reconciliation.duplicated) "
                    + "duplicated, \(reconciliation.unaccounted) unaccounted \(reconciliation.unaccountedSamples), "
                    + "\(reconciliation.reusedRequestIDs) request IDs answered twice; injected failures "
                    + "\(reconciliation.injectedLost) lost, \(reconciliation.injectedDuplicated) duplicated")
        }
        if !rssBound.holds(startKiB: startKiB, endKiB: endKiB, events: events) {
            failures.append(
                "RSS grew \(Self.mib(growthBytes)), over the bound \(Self.mib(rssBound.allowedGrowth(events: events)))")
        }
        if idle.overdue > 0 || !idle.failures.isEmpty || idle.opened < idleConnections {
            failures.append(
                "idle connections: \(idle.opened) opened, \(idle.overdue) never closed by the server; \(idle.failures)")
        }
        if termination != .exited(0) {
            failures.append(
                "SIGTERM did not stop the server cleanly: \(termination.map(String.init(describing:)) ?? "no exit")")
        }
        return failures
    }

    private static func figures(_ latency: LatencySummary) -> String {
        "p50 \(LatencySummary.milliseconds(latency.p50))  p99 \(LatencySummary.milliseconds(latency.p99))  "
            + "max \(LatencySummary.milliseconds(latency.max))"
    }

    static func mib(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(abs(tenths % 10)) MiB"
    }
}
