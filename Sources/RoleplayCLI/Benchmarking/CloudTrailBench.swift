import AWSWire
import ArgumentParser
import Emulator
import Foundation
import SigV4

extension Roleplay {
    /// `roleplay bench cloudtrail`: LookupEvents latency over a large event history, and what each recorded
    /// event costs in memory.
    ///
    /// The history is recorded through `Emulator.handle`, as real calls record it (the `bench emulator` set-up:
    /// a user's AssumeRole and GetCallerIdentity, and the root's GetCallerIdentity, in turn), so the figure
    /// includes interning and indexing as they happen. Bytes per event is the growth of the resident set over
    /// the recording divided by the events recorded: allocator overhead included.
    struct CloudTrailBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cloudtrail",
            abstract: "LookupEvents p50/p99 latency with N recorded events, and resident bytes per event.")

        @Option(help: "How many events to record before the lookups.")
        var events: Int = 1_000_000

        @Option(help: "Timed lookups per filter.")
        var lookups: Int = 1_000

        func validate() throws {
            guard (1_000...10_000_000).contains(events) else {
                throw ValidationError("--events must be between 1000 and 10000000")
            }
            guard (10...100_000).contains(lookups) else {
                throw ValidationError("--lookups must be between 10 and 100000")
            }
        }

        func run() throws {
            #if DEBUG
                print("warning: debug build; build with `swift build -c release` for real figures")
            #endif
            let bench = try Setup()
            let root = Credentials(accessKeyID: "111111111111", secretAccessKey: "test")
            let rootIdentity = try Setup.sign("sts", [("Action", "GetCallerIdentity")], root)
            // One round: the user's AssumeRole (two copies: caller and role owner), its GetCallerIdentity, the
            // root's GetCallerIdentity: four events.
            let round = [bench.assumeRole, bench.getCallerIdentity, rootIdentity]
            for request in round where bench.emulator.handle(request).status != 200 {
                throw ValidationError("set-up request failed: \(Setup.text(bench.emulator.handle(request)))")
            }
            let rounds = events / 4
            let before = Self.residentBytes()
            let clock = ContinuousClock()
            let started = clock.now
            for _ in 0..<rounds { for request in round { _ = bench.emulator.handle(request) } }
            let recordingTime = clock.now - started
            let recorded = rounds * 4 + 4
            let growth = Self.residentBytes() - before
            let seconds =
                Double(recordingTime.components.seconds) + Double(recordingTime.components.attoseconds) * 1e-18
            print(
                "cloudtrail.record: \(formatRate(Double(rounds * 3) / seconds)) req/s while recording \(formatRate(Double(recorded))) events"
            )
            print("cloudtrail.bytes_per_event: \(growth / recorded) (resident set growth \(growth >> 20) MiB)")
            let filters: [(String, JSONValue)] = [
                ("event_name", Self.filter("EventName", "AssumeRole")), ("username", Self.filter("Username", "root")),
                ("none", [:]),
            ]
            for (name, body) in filters {
                let request = try Self.lookup(body, as: root)
                let answer = bench.emulator.handle(request)
                guard answer.status == 200 else { throw ValidationError("LookupEvents failed: \(Setup.text(answer))") }
                var latencies: [Double] = []
                latencies.reserveCapacity(lookups)
                for _ in 0..<lookups {
                    let start = clock.now
                    _ = bench.emulator.handle(request)
                    let d = clock.now - start
                    latencies.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
                }
                latencies.sort()
                let p50 = latencies[latencies.count / 2]
                let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
                print(
                    String(
                        format: "cloudtrail.lookup_events.%@: p50 %.3f ms, p99 %.3f ms (%d lookups, 50 results each)",
                        name, p50, p99, lookups))
            }
        }

        static func filter(_ key: String, _ value: String) -> JSONValue {
            ["LookupAttributes": [["AttributeKey": .string(key), "AttributeValue": .string(value)]], "MaxResults": 50]
        }

        /// A signed LookupEvents request as boto3 sends it.
        static func lookup(_ body: JSONValue, as credentials: Credentials) throws -> HTTPRequest {
            let unsigned = SigV4Request(
                method: "POST", path: "/",
                headers: [
                    HTTPHeader("Host", "127.0.0.1:4590"),
                    HTTPHeader("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"),
                    HTTPHeader("Content-Type", "application/x-amz-json-1.1"),
                ], body: JSONWriter.bytes(body))
            let signed = try Signer(credentials: credentials, region: "us-east-1", service: "cloudtrail")
                .sign(unsigned, at: Setup.time)
            return HTTPRequest(
                method: signed.request.method, target: signed.request.target,
                headers: signed.request.headers.map { HTTPField($0.name, $0.value) }, body: signed.request.body)
        }

        /// The process's resident set (`/proc/self/statm`), in bytes; 0 where there is none.
        static func residentBytes() -> Int {
            guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
            let fields = text.split(separator: " ")
            guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
            return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        }
    }
}
