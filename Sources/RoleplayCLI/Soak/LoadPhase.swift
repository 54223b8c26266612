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
            try Self.expect200(
                control.exchange(requests.admin("POST", "/_roleplay/faults", rule)), "adding a fault rule")
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
            SoakConnection(port: server.port).exchange(requests.admin("DELETE", "/_roleplay/faults")), "clearing faults"
        )

        // CloudTrail.
        let reconcileStart = Date()
        var reconciliation = TrailReconciliation()
        for success in tally.successes {
            for account in success.accounts { reconciliation.expect(requestID: success.requestID, account: account) }
        }
        for id in tally.injectedFailureIDs { reconciliation.injectedFailure(requestID: id) }
        let reader = TrailReader(
            requests: requests, connection: try SoakConnection(port: server.port, timeoutSeconds: 60))
        var pages = 0
        for account in [identities.customerAccount, identities.saasAccount] {
            pages += try reader.readAll(account: account) { reconciliation.observe(requestID: $0, account: account) }
        }
        let reconcileSeconds = -reconcileStart.timeIntervalSinceNow

        server.signal(SIGTERM)
        let termination = server.waitForExit(within: 15)

        let findings = LoadFindings(
            connections: options.connections, idleConnections: options.idleConnections, rssBound: options.rssBound,
            tally: tally, elapsed: elapsed, idle: idle, startKiB: startKiB, endKiB: endKiB, maxKiB: maxKiB,
            injectedErrors: injectedErrors, latencyHits: latencyHits, reconciliation: reconciliation, pages: pages,
            reconcileSeconds: reconcileSeconds, termination: termination)
        result.lines += findings.lines
        result.failures += findings.failures
        return result
    }

    @discardableResult
    static func expect200(_ response: SoakResponse, _ what: String) throws -> SoakResponse {
        guard response.status == 200 else {
            throw SoakFailure("\(what): \(response.status) \(response.text.prefix(300))")
        }
        return response
    }
}
