import Testing

@testable import RoleplayCLI

/// The pure parts of `roleplay soak`: the HTTP/1.1 response parser its client reads keep-alive connections with,
/// the percentiles, the CloudTrail reconciliation counter and the RSS bound.
@Suite("Soak: response parser, percentiles, reconciliation, RSS bound")
struct SoakPartsTests {
    @Test("two Content-Length responses back to back on one connection, fed a byte at a time")
    func contentLengthPipelined() throws {
        let wire = Array(
            ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nx-amzn-RequestId: a-1\r\n\r\nhello"
                + "HTTP/1.1 429 Too Many Requests\r\ncontent-length: 2\r\nX-Amzn-ErrorType: ThrottlingException:http://x\r\n\r\n{}")
                .utf8)
        var parser = HTTPResponseParser()
        var responses: [SoakResponse] = []
        for byte in wire {
            parser.append([byte])
            while let response = try parser.next() { responses.append(response) }
        }
        try #require(responses.count == 2)
        #expect(responses[0].status == 200 && responses[0].text == "hello" && responses[0].requestID == "a-1")
        #expect(responses[1].status == 429 && responses[1].text == "{}")
        #expect(SoakErrorCode.code(of: responses[1], protocol: .restJSON) == "ThrottlingException")
        #expect(parser.bufferedCount == 0)
    }

    @Test("a chunked body with extensions and a trailer is de-chunked, and the next response follows")
    func chunked() throws {
        var parser = HTTPResponseParser()
        parser.append(
            Array(
                ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\n"
                    + "HTTP/1.1 204 No Content\r\n\r\n").utf8))
        let first = try #require(try parser.next())
        #expect(first.text == "Wikipedia")
        let second = try #require(try parser.next())
        #expect(second.status == 204 && second.body.isEmpty)
        #expect(try parser.next() == nil)
    }

    @Test("a partial response waits for more bytes; a close in the middle is an error")
    func partial() throws {
        var parser = HTTPResponseParser()
        parser.append(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8))
        #expect(try parser.next() == nil)
        #expect(throws: SoakHTTPError.self) { try parser.finishAtClose() }
    }

    @Test(
        "malformed responses are errors, not guesses",
        arguments: [
            "HTTP/1.1 abc OK\r\n\r\n", "SPDY/3 200 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY",
        ])
    func malformed(_ text: String) {
        var parser = HTTPResponseParser()
        parser.append(Array(text.utf8))
        #expect(throws: SoakHTTPError.self) { _ = try parser.next() }
    }

    @Test("nearest-rank percentiles of 1...100 and of a single sample")
    func percentiles() throws {
        let summary = try #require(LatencySummary(microseconds: (1...100).reversed().map(UInt32.init)))
        #expect(summary.p50 == 50 && summary.p99 == 99 && summary.max == 100 && summary.count == 100)
        let one = try #require(LatencySummary(microseconds: [7]))
        #expect(one.p50 == 7 && one.p99 == 7)
        #expect(LatencySummary(microseconds: []) == nil)
        #expect(LatencySummary.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99) == 10)
        #expect(LatencySummary.milliseconds(1234) == "1.23 ms")
    }

    @Test("reconciliation counts lost, duplicated and unaccounted events, and injected failures recorded once")
    func reconciliation() {
        var trail = TrailReconciliation()
        trail.expect(requestID: "r1", account: "A")
        trail.expect(requestID: "r1", account: "B")  // a cross-account AssumeRole: one copy in each account
        trail.expect(requestID: "r2", account: "A")
        trail.expect(requestID: "r3", account: "A")
        trail.injectedFailure(requestID: "f1")
        #expect(!trail.holds)
        for (id, account) in [
            ("r1", "A"), ("r1", "B"), ("r2", "A"), ("r2", "A"), ("f1", "A"), ("x9", "A"), ("r3", "B"),
        ] {
            trail.observe(requestID: id, account: account)
        }
        #expect(trail.lost == 1)  // r3 in A (its copy in B is unaccounted, not a match)
        #expect(trail.lostSamples() == ["A/r3"])
        #expect(trail.duplicated == 1)
        #expect(trail.unaccounted == 2)
        #expect(trail.injectedRecorded == 1)
        #expect(trail.injectedLost == 0 && trail.injectedDuplicated == 0)
        #expect(trail.eventsRead == 7)
        #expect(!trail.holds)

        // An injected failure must be in CloudTrail exactly once as well.
        var failures = TrailReconciliation()
        failures.injectedFailure(requestID: "f1")
        failures.injectedFailure(requestID: "f2")
        failures.observe(requestID: "f1", account: "A")
        #expect(failures.injectedLost == 1 && !failures.holds)
        failures.observe(requestID: "f2", account: "A")
        #expect(failures.holds)
        failures.observe(requestID: "f2", account: "B")
        #expect(failures.injectedDuplicated == 1 && !failures.holds)

        var reused = TrailReconciliation()
        reused.expect(requestID: "r1", account: "A")
        reused.expect(requestID: "r1", account: "A")
        reused.observe(requestID: "r1", account: "A")
        #expect(reused.reusedRequestIDs == 1 && !reused.holds)

        var clean = TrailReconciliation()
        clean.expect(requestID: "r1", account: "A")
        clean.observe(requestID: "r1", account: "A")
        #expect(clean.holds && clean.lost == 0 && clean.duplicated == 0)
    }

    @Test("the RSS bound is slack plus a budget per retained event")
    func rssBound() {
        let bound = RSSBound(bytesPerEvent: 1000, slackBytes: 1 << 20)
        #expect(bound.allowedGrowth(events: 2048) == (1 << 20) + 2_048_000)
        #expect(bound.holds(startKiB: 1000, endKiB: 1000 + 1024 + 2000, events: 2048))
        #expect(!bound.holds(startKiB: 1000, endKiB: 1000 + 1024 + 2001, events: 2048))
        #expect(bound.holds(startKiB: 5000, endKiB: 4000, events: 0))
    }

    @Test("VmRSS is read from /proc/PID/status text")
    func residentSetSize() {
        #expect(SoakServer.residentKiB(status: "Name:\troleplay\nVmPeak:\t  99 kB\nVmRSS:\t   46200 kB\n") == 46200)
        #expect(SoakServer.residentKiB(status: "Name:\troleplay\n") == nil)
        #expect(SoakServer.residentKiB(status: nil) == nil)
    }

    @Test("the weighted mix picks every operation in proportion")
    func mix() {
        var counts: [SoakOperation: Int] = [:]
        for draw in 0..<SoakOperation.totalWeight { counts[SoakOperation.pick(draw), default: 0] += 1 }
        for operation in SoakOperation.allCases { #expect(counts[operation] == operation.weight) }
    }

    @Test("the load phase's verdict: clean figures pass, and each broken assertion fails with its reason")
    func loadVerdict() {
        var tally = SoakTally()
        tally.calls[.invokeModel] = 10
        tally.expectedErrors["ThrottlingException"] = 2
        tally.successes = [.init(requestID: "r1", accounts: ["A"])]
        var trail = TrailReconciliation()
        trail.expect(requestID: "r1", account: "A")
        trail.observe(requestID: "r1", account: "A")
        var idle = IdleConnectionPool.Report()
        idle.opened = 4
        let clean = LoadFindings(
            connections: 2, idleConnections: 4, rssBound: RSSBound(bytesPerEvent: 0, slackBytes: 1 << 20),
            tally: tally, elapsed: 1, idle: idle, startKiB: 100, endKiB: 200, maxKiB: 200, injectedErrors: 2,
            latencyHits: 0, reconciliation: trail, pages: 1, reconcileSeconds: 0, termination: .exited(0))
        #expect(clean.failures.isEmpty, "\(clean.failures)")
        #expect(clean.lines.contains { $0.hasPrefix("load: 10 requests in 1 s (10 req/s)") })

        var broken = clean
        broken.tally.unexpected(.invokeModel, "status 500")
        #expect(broken.failures.count == 1 && broken.failures[0].contains("1 unexpected errors"))
        broken = clean
        broken.injectedErrors = 3
        #expect(broken.failures == ["the fault rules injected 3 errors but the clients saw 2"])
        broken = clean
        broken.endKiB = 100 + 1025
        #expect(broken.failures.count == 1 && broken.failures[0].hasPrefix("RSS grew"))
        broken = clean
        broken.idle.overdue = 1
        #expect(broken.failures.count == 1 && broken.failures[0].hasPrefix("idle connections"))
        broken = clean
        broken.termination = .signalled(11)
        #expect(broken.failures.count == 1 && broken.failures[0].hasPrefix("SIGTERM did not stop"))
        broken = clean
        broken.reconciliation.observe(requestID: "r1", account: "A")
        #expect(broken.failures.count == 1 && broken.failures[0].contains("1 duplicated"))
    }
}
