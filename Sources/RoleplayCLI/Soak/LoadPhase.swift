import AWSWire
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The load phase: a child `roleplay serve`, seeded through the IAM API, under the connector's mix on keep-alive
/// connections with idle and half-written connections beside them and faults injected, then checked.
///
/// Order: start and seed the server, add the fault rules, take the starting RSS, run the working connections,
/// the idle pool and the RSS sampler until the deadline, take the final RSS, reconcile CloudTrail, compare the
/// fault rules' hits with the errors seen, and stop the server with SIGTERM (it must exit 0).
struct LoadPhase {
    var options: Options

    struct Options: Sendable {
        var seconds: Double
        var connections: Int
        var idleConnections: Int
        /// Calls per second over all working connections.
        var rate: Double
        var seed: UInt64
        var idleTimeoutSeconds: Int
        var rssBound: RSSBound
        var workDirectory: URL
    }

    /// What the phase found: report lines and, if any assertion failed, why.
    struct Result {
        var lines: [String] = []
        var failures: [String] = []
    }

    private enum ThreadResult: Sendable {
        case worker(SoakTally)
        case idle(IdleConnectionPool.Report)
        case rss(maxKiB: Int, samples: Int)
    }

    func run() throws -> Result {
        var result = Result()
        let server = try SoakServer(
            [
                "--log-level", "warn", "--idle-timeout-seconds", String(options.idleTimeoutSeconds),
                "--max-connections", "4096",
            ], errorLog: options.workDirectory.appending(path: "load-serve.log"))
        let requests = SoakRequests(port: server.port)
        let control = try SoakConnection(port: server.port)
        var identities = SoakIdentities()
        var tally = SoakTally()
        try identities.seed(requests, on: control, into: &tally)
        let plan = SoakFaultPlan()
        for rule in plan.faultRules {
            try Self.expect200(control.exchange(requests.admin("POST", "/_roleplay/faults", rule)), "adding a fault rule")
        }
        try Self.expect200(
            control.exchange(requests.admin("POST", "/_roleplay/bedrock/responses", plan.bedrockRule)),
            "adding a Bedrock response rule")
        control.close()
        guard let startKiB = server.residentKiB else { throw SoakFailure("cannot read the server's RSS") }

        let started = Date()
        let deadline = started.addingTimeInterval(options.seconds)
        let interval = Double(options.connections) / options.rate
        var bodies: [@Sendable () -> ThreadResult] = []
        for index in 0..<options.connections {
            let worker = SoakWorker(
                index: index, requests: requests, identities: identities, plan: plan,
                seed: options.seed &+ UInt64(index) &* 0x9E37_79B9, interval: interval, deadline: deadline)
            bodies.append { .worker(worker.run()) }
        }
        let pool = IdleConnectionPool(
            port: server.port, size: options.idleConnections,
            overdueSeconds: Double(options.idleTimeoutSeconds) * 2 + 5, deadline: deadline)
        if options.idleConnections > 0 { bodies.append { .idle(pool.run()) } }
        let pid = server.pid
        bodies.append {
            var maxKiB = 0
            var samples = 0
            while Date() < deadline {
                if let kib = SoakServer.residentKiB(
                    status: try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8))
                {
                    maxKiB = max(maxKiB, kib)
                    samples += 1
                }
                Thread.sleep(forTimeInterval: min(2, max(0.01, deadline.timeIntervalSinceNow)))
            }
            return .rss(maxKiB: maxKiB, samples: samples)
        }
        // Each call has a 30 s read timeout, so every thread returns within that of the deadline.
        let outcomes = SoakThreads.run(bodies, within: options.seconds + 60)
        let elapsed = -started.timeIntervalSinceNow
        var idle = IdleConnectionPool.Report()
        var maxKiB = 0
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .worker(let worker): tally.merge(worker)
            case .idle(let report): idle = report
            case .rss(let kib, _): maxKiB = kib
            case nil: result.failures.append("thread \(index) did not finish within 60 s of the deadline (a hang)")
            }
        }
        guard server.isRunning, let endKiB = server.residentKiB else {
            let ended = server.waitForExit(within: 1).map(String.init(describing:)) ?? "?"
            result.failures.append("the server died during the load (\(ended)): \(server.errorText.suffix(2000))")
            return result
        }
        maxKiB = max(maxKiB, startKiB, endKiB)

        // Fault rules' hits against the errors the clients saw.
        let rules = try Self.expect200(
            SoakConnection(port: server.port).exchange(requests.admin("GET", "/_roleplay/faults")), "listing faults")
        let hits = try JSONReader().decode(rules.body)["rules"]?.arrayValue ?? []
        var injectedErrors = 0
        var latencyHits = 0
        for rule in hits {
            let count = Int(rule["hits"]?.numberValue?.text ?? "0") ?? 0
            if rule["latency_ms"] != nil { latencyHits += count } else { injectedErrors += count }
        }

        // The rules go before reading CloudTrail back: the lookups must not be throttled themselves.
        try Self.expect200(
            SoakConnection(port: server.port).exchange(requests.admin("DELETE", "/_roleplay/faults")), "clearing faults")

        // CloudTrail.
        let reconcileStart = Date()
        var reconciliation = TrailReconciliation()
        for success in tally.successes {
            for account in success.accounts { reconciliation.expect(requestID: success.requestID, account: account) }
        }
        for id in tally.injectedFailureIDs { reconciliation.injectedFailure(requestID: id) }
        let reader = TrailReader(requests: requests, connection: try SoakConnection(port: server.port, timeoutSeconds: 60))
        var pages = 0
        for account in [identities.customerAccount, identities.saasAccount] {
            pages += try reader.readAll(account: account) { reconciliation.observe(requestID: $0, account: account) }
        }
        let reconcileSeconds = -reconcileStart.timeIntervalSinceNow

        server.signal(SIGTERM)
        let termination = server.waitForExit(within: 15)

        // Report.
        let total = tally.totalCalls
        let errors = tally.totalExpectedErrors + tally.unexpectedCount
        result.lines.append(
            "load: \(total) requests in \(Int(elapsed.rounded())) s (\(Int((Double(total) / elapsed).rounded())) req/s) on "
                + "\(options.connections) keep-alive connections, plus \(options.idleConnections) idle or half-written")
        for operation in SoakOperation.allCases {
            let calls = tally.calls[operation] ?? 0
            let latency = LatencySummary(microseconds: tally.latencies[operation] ?? [])
            let figures = latency.map {
                "p50 \(LatencySummary.milliseconds($0.p50))  p99 \(LatencySummary.milliseconds($0.p99))  "
                    + "max \(LatencySummary.milliseconds($0.max))"
            } ?? "no samples"
            result.lines.append("  \(operation.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0)) \(calls) calls  \(figures)")
        }
        let all = LatencySummary(microseconds: tally.latencies.values.flatMap { $0 })
        if let all {
            result.lines.append(
                "  all: p50 \(LatencySummary.milliseconds(all.p50))  p99 \(LatencySummary.milliseconds(all.p99))  "
                    + "max \(LatencySummary.milliseconds(all.max))")
        }
        let expectedList = tally.expectedErrors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        result.lines.append(
            "errors: \(errors) (expected \(tally.totalExpectedErrors): \(expectedList.joined(separator: ", "))"
                + "; unexpected \(tally.unexpectedCount)); in-stream \(SoakFaultPlan.streamErrorCode) as asked: "
                + "\(tally.expectedStreamExceptions); fault rules hit: \(injectedErrors) errors, \(latencyHits) delays")
        result.lines.append(
            "cloudtrail: \(reconciliation.expectedCount) events expected (\(tally.successes.count) successful calls), "
                + "\(reconciliation.eventsRead) read in \(pages) pages (\(Int(reconcileSeconds.rounded())) s): "
                + "\(reconciliation.lost) lost, \(reconciliation.duplicated) duplicated, \(reconciliation.unaccounted) "
                + "unaccounted; injected failures recorded: \(reconciliation.injectedRecorded) of \(tally.injectedFailureIDs.count)")
        let events = reconciliation.eventsRead
        let bound = options.rssBound
        let growth = (endKiB - startKiB) * 1024
        result.lines.append(
            "rss: start \(Self.mib(startKiB * 1024)), end \(Self.mib(endKiB * 1024)), max \(Self.mib(maxKiB * 1024)); "
                + "growth \(Self.mib(growth)) = \(events > 0 ? growth / events : 0) B per retained event; bound "
                + "\(Self.mib(bound.allowedGrowth(events: events))) (\(Self.mib(bound.slackBytes)) + "
                + "\(bound.bytesPerEvent) B x \(events) events)")
        result.lines.append(
            "idle: \(idle.opened) opened, \(idle.closedByServer) closed by the server after at most "
                + "\(Int(idle.longestLifetime.rounded())) s and replaced, \(idle.overdue) overdue")
        result.lines.append("server: alive at the end; SIGTERM: \(termination.map(String.init(describing:)) ?? "no exit within 15 s")")

        // Assertions.
        if tally.unexpectedCount > 0 {
            result.failures.append(
                "\(tally.unexpectedCount) unexpected errors, first: " + tally.unexpectedSamples.joined(separator: " | "))
        }
        if injectedErrors != tally.totalExpectedErrors {
            result.failures.append(
                "the fault rules injected \(injectedErrors) errors but the clients saw \(tally.totalExpectedErrors)")
        }
        if !reconciliation.holds {
            result.failures.append(
                "CloudTrail: \(reconciliation.lost) lost \(reconciliation.lostSamples()), \(reconciliation.duplicated) "
                    + "duplicated, \(reconciliation.unaccounted) unaccounted \(reconciliation.unaccountedSamples)")
        }
        if !bound.holds(startKiB: startKiB, endKiB: endKiB, events: events) {
            result.failures.append("RSS grew \(Self.mib(growth)), over the bound \(Self.mib(bound.allowedGrowth(events: events)))")
        }
        if idle.overdue > 0 || !idle.failures.isEmpty || (options.idleConnections > 0 && idle.opened < options.idleConnections) {
            result.failures.append("idle connections: \(idle.overdue) never closed by the server; \(idle.failures)")
        }
        if termination != .exited(0) {
            result.failures.append("SIGTERM did not stop the server cleanly: \(termination.map(String.init(describing:)) ?? "hang")")
        }
        return result
    }

    @discardableResult
    static func expect200(_ response: SoakResponse, _ what: String) throws -> SoakResponse {
        guard response.status == 200 else { throw SoakFailure("\(what): \(response.status) \(response.text.prefix(300))") }
        return response
    }

    static func mib(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(abs(tenths % 10)) MiB"
    }
}
