import Foundation
import TestSupport
import Testing

/// `roleplay soak` end to end against the built binary: a 3-second load phase with a few connections and two
/// kill -9 runs; it must pass and print every figure line.
@Suite("roleplay soak")
struct SoakCommandTests {
    @Test("a short soak passes and reports requests, errors, CloudTrail, RSS, latency and kill runs")
    func shortSoak() throws {
        let soak = try ServeProcess([
            "soak", "--duration", "3s", "--connections", "4", "--idle-connections", "6", "--rate", "80",
            "--idle-timeout-seconds", "1", "--kill-runs", "2", "--kill-connections", "2", "--seed", "42",
        ])
        let status = try soak.exitStatus(within: .seconds(60))
        let output = try soak.output.readToEnd(within: .seconds(5))
        #expect(status == 0, "\(output)")
        #expect(output.contains("soak: seed 42"))
        #expect(output.contains("unexpected 0)"), "\(output)")
        #expect(output.contains(": 0 lost, 0 duplicated, 0 unaccounted"), "\(output)")
        #expect(output.contains("rss: start "))
        #expect(output.contains("all: p50 "))
        #expect(output.contains("kill -9: 2 runs"), "\(output)")
        #expect(output.hasSuffix("soak passed\n"), "\(output)")
    }

    @Test("an RSS bound no run can meet fails the soak with a reason and exit status 1")
    func failingBound() throws {
        let soak = try ServeProcess([
            "soak", "--duration", "2s", "--connections", "2", "--idle-connections", "0", "--rate", "50",
            "--kill-runs", "0", "--rss-slack-mib", "0", "--rss-bytes-per-event", "0", "--seed", "1",
        ])
        let status = try soak.exitStatus(within: .seconds(60))
        let output = try soak.output.readToEnd(within: .seconds(5))
        // Some growth is certain: every call leaves a CloudTrail event behind.
        #expect(status == 1, "\(output)")
        #expect(output.contains("FAILED: RSS grew"), "\(output)")
    }
}
