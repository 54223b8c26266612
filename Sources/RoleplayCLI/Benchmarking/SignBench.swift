import ArgumentParser
import Foundation
import Glibc
import SigV4

extension Roleplay {
    /// `roleplay bench sign`: SigV4 signatures and verifications per second on one thread, for the two
    /// requests `../shared/bench/sign_bench.py` times (botocore, awscrt) and `sigv4_openssl.c` bounds.
    ///
    /// Before timing, each request is signed at the harness's fixed time and compared with botocore's
    /// signature (embedded, or read from `sign_bench.py --emit-c-inputs DIR` with `--check-inputs DIR`),
    /// and its signed form must verify: figures of a signer that is wrong would mean nothing. Runs are
    /// interleaved across figures, as the harness does, so drift in machine speed hits every figure alike.
    struct SignBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "SigV4 signatures/s (cached and uncached key) and verifications/s on one thread."
        )

        @OptionGroup var options: BenchOptions

        @Option(
            name: .customLong("check-inputs"),
            help: ArgumentHelp(
                "Check our stages against the files `sign_bench.py --emit-c-inputs DIR` wrote.", valueName: "dir"))
        var checkInputs: String?

        @Option(help: "Operations per figure for the allocation count (needs the malloc-counting shim; 0 skips).")
        var allocationSamples: Int = 1000

        @Option(help: "Only the figures whose name (e.g. `verify.bedrock_invoke_model.cached`) contains this text.")
        var filter: String?

        @Flag(help: "Only check the signatures and count allocations; time nothing.")
        var allocationsOnly = false

        @Flag(help: "Print one JSON object per figure (name, unit, median, runs) instead of text.")
        var json = false

        func validate() throws {
            guard allocationSamples >= 0 else { throw ValidationError("--allocation-samples must be ≥ 0") }
            if let dir = checkInputs {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory)
                guard exists, isDirectory.boolValue else {
                    throw ValidationError("--check-inputs \(dir): no such directory")
                }
            }
        }

        func run() throws {
            #if DEBUG
                log("warning: debug build; build with `swift build -c release` for real figures")
            #endif
            for c in BenchRequest.all { try check(c) }
            let figures = try Figure.all().filter { f in filter.map { f.name.contains($0) } ?? true }

            var sink = 0
            var rates = [[Double]](repeating: [], count: figures.count)
            if !allocationsOnly {
                // Warm-up, then the timed runs, interleaved across figures.
                for f in figures { _ = Throughput.rate(seconds: min(0.2, options.seconds)) { sink &+= f.body() } }
                for _ in 0..<options.runs {
                    for (i, f) in figures.enumerated() {
                        rates[i].append(Throughput.rate(seconds: options.seconds) { sink &+= f.body() })
                    }
                }
            }
            var allocations: [(figure: Figure, perOperation: Double)] = []
            if allocationSamples > 0, MallocCounter.isAvailable {
                for f in figures {
                    for _ in 0..<16 { sink &+= f.body() }  // caches filled, lazy globals initialized
                    if let n = MallocCounter.count(iterations: allocationSamples, { sink &+= f.body() }) {
                        allocations.append((f, n))
                    }
                }
            }
            if !allocationsOnly { report(figures: figures, rates: rates) }
            report(allocations: allocations)
            if sink == 0x5eed_dead { log("") }  // keeps the measured work observable
        }

        // MARK: Start-up check

        /// Signs `c` at the harness's fixed time and compares with botocore's stages; throws `ExitCode(1)` on
        /// any difference, after saying which stage differs.
        func check(_ c: BenchRequest) throws {
            let signed = try c.signer(keyCache: nil).sign(c.request, at: BenchRequest.date)
            var expected = c.botocoreSignature
            var source = "embedded botocore signature"
            if let dir = checkInputs {
                let base = URL(fileURLWithPath: dir).appendingPathComponent(c.name)
                let scope = try lines(of: base.appendingPathExtension("scope"))
                let ours = [
                    BenchRequest.secretAccessKey, BenchRequest.date.dateStamp, BenchRequest.region, c.service,
                ]
                guard scope.count >= 5, Array(scope.prefix(4)) == ours else {
                    log("check \(c.name): \(base.path).scope holds another secret/date/region/service than ours")
                    throw ExitCode(1)
                }
                expected = scope[4]
                source = "\(base.path).scope"
                let payload = try [UInt8](Data(contentsOf: base.appendingPathExtension("payload")))
                let creq = try String(decoding: Data(contentsOf: base.appendingPathExtension("creq")), as: UTF8.self)
                if payload != c.request.body {
                    log("check \(c.name): our body (\(c.request.body.count) B) differs from \(base.path).payload")
                    throw ExitCode(1)
                }
                if creq != signed.canonicalRequest {
                    log("check \(c.name): canonical request differs from botocore's")
                    log("--- botocore\n\(creq)\n--- ours\n\(signed.canonicalRequest)")
                    throw ExitCode(1)
                }
            }
            guard signed.signature == expected else {
                log("check \(c.name): MISMATCH, ours \(signed.signature), expected \(expected) (\(source))")
                log("--- our canonical request\n\(signed.canonicalRequest)")
                log("--- our string to sign\n\(signed.stringToSign)")
                throw ExitCode(1)
            }
            let verifier = Verifier { _ in BenchRequest.secretAccessKey }
            guard case .valid = verifier.verify(signed.request, now: BenchRequest.date) else {
                log("check \(c.name): our own signed request does not verify")
                throw ExitCode(1)
            }
            log("check \(c.name): signature equals botocore's (\(source)) and verifies")
        }

        func lines(of url: URL) throws -> [String] {
            guard let data = try? Data(contentsOf: url) else {
                log("check: cannot read \(url.path)")
                throw ExitCode(1)
            }
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
        }

        // MARK: Output

        func report(figures: [Figure], rates: [[Double]]) {
            if !json {
                print("# roleplay SigV4, 1 thread, \(options.runs) runs x \(options.seconds)s, interleaved; median")
            }
            for (f, r) in zip(figures, rates) {
                let t = Throughput(rates: r)
                if json {
                    printJSON(name: f.name, unit: f.unit, t)
                } else {
                    print(
                        "\(f.kind) \(f.request) \(f.variant): \(formatRate(t.median)) \(f.unit) "
                            + "(median of \(r.count), spread \(t.spreadPercent)%)")
                }
            }
            // Verification time over signing time (cached key on both sides), paired run by run.
            for request in BenchRequest.all.map(\.name) {
                guard let s = figures.firstIndex(where: { $0.name == "sign.\(request).cached" }),
                    let v = figures.firstIndex(where: { $0.name == "verify.\(request).cached" })
                else { continue }
                let ratio = Throughput(rates: zip(rates[s], rates[v]).map { $0 / $1 })
                if json {
                    printJSON(name: "ratio.verify_over_sign_time.\(request)", unit: "x", ratio)
                } else {
                    print(
                        "verify/sign time \(request): \(String(format: "%.2f", ratio.median))x "
                            + "(paired per run, median of \(ratio.rates.count), spread \(ratio.spreadPercent)%)")
                }
            }
        }

        func report(allocations: [(figure: Figure, perOperation: Double)]) {
            if allocations.isEmpty, allocationSamples > 0, !json {
                print(
                    "allocations per signature: n/a (needs the malloc-counting shim; see scripts/bench-sign-peers.py)")
            }
            for (f, n) in allocations {
                let value = n == n.rounded() ? String(Int(n)) : String(format: "%.2f", n)
                if json {
                    print("{\"name\":\"allocations.\(f.name)\",\"unit\":\"malloc/op\",\"median\":\(n),\"runs\":[\(n)]}")
                } else {
                    let what = f.kind == "verify" ? "verification" : "signature"
                    print("allocations per \(what): \(value) (\(f.kind) \(f.request) \(f.variant))")
                }
            }
        }

        func printJSON(name: String, unit: String, _ t: Throughput) {
            let runs = t.rates.map { String($0) }.joined(separator: ",")
            print(
                "{\"name\":\"\(name)\",\"unit\":\"\(unit)\",\"median\":\(t.median),\"spread_pct\":\(t.spreadPercent),"
                    + "\"runs\":[\(runs)]}")
        }

        func log(_ message: String) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
    }
}

extension Roleplay.SignBench {
    /// One timed figure: a name in the form `kind.request.variant` and the operation it repeats.
    struct Figure {
        let kind: String
        let request: String
        let variant: String
        let unit: String
        /// One operation; returns a value folded into a sink so the work stays observable.
        let body: () -> Int

        var name: String { "\(kind).\(request).\(variant)" }

        /// Per request: signing with a cached key, signing with a key derived per signature, and verifying the
        /// request signed once (`Verifier` with its own key cache, at the request's own time).
        static func all() throws -> [Figure] {
            var figures: [Figure] = []
            for c in BenchRequest.all {
                let cached = c.signer(keyCache: SigningKeyCache())
                let uncached = c.signer(keyCache: nil)
                let verifier = Verifier(keyCache: SigningKeyCache()) { _ in BenchRequest.secretAccessKey }
                let signed = try c.signer(keyCache: nil).sign(c.request, at: BenchRequest.date).request
                figures.append(
                    Figure(kind: "sign", request: c.name, variant: "cached", unit: "sig/s") {
                        sign(cached, c.request)
                    })
                figures.append(
                    Figure(kind: "sign", request: c.name, variant: "uncached", unit: "sig/s") {
                        sign(uncached, c.request)
                    })
                figures.append(
                    Figure(kind: "verify", request: c.name, variant: "cached", unit: "verify/s") {
                        if case .valid = verifier.verify(signed, now: BenchRequest.date) { return 1 }
                        return 0
                    })
            }
            return figures
        }

        /// Signs at the harness's time; returns the signature's length (HMAC signing never throws).
        @inline(__always)
        static func sign(_ signer: Signer, _ request: SigV4Request) -> Int {
            (try? signer.sign(request, at: BenchRequest.date))?.signature.utf8.count ?? 0
        }
    }

    /// The two requests of `../shared/bench/sign_bench.py`, byte for byte as botocore signs them
    /// (`benchlib.request_spec` with the real AWS hosts and the documentation credentials).
    struct BenchRequest {
        let name: String
        let service: String
        let request: SigV4Request
        /// botocore's signature at `date` (`sign_bench.py --emit-c-inputs`, last line of `*.scope`).
        let botocoreSignature: String

        static let accessKeyID = "AKIAIOSFODNN7EXAMPLE"
        static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        static let region = "us-east-1"
        /// `sign_bench.FIXED`: 2026-01-02T03:04:05Z.
        static let date = AmzDate(secondsSince1970: 1_767_323_045)

        func signer(keyCache: SigningKeyCache?) -> Signer {
            Signer(
                credentials: Credentials(accessKeyID: Self.accessKeyID, secretAccessKey: Self.secretAccessKey),
                region: Self.region, service: service, keyCache: keyCache)
        }

        static let all = [stsAssumeRole, bedrockInvokeModel]

        /// STS AssumeRole, form-encoded POST, 149-byte body.
        static let stsAssumeRole = BenchRequest(
            name: "sts_assume_role", service: "sts",
            request: SigV4Request(
                method: "POST", path: "/",
                headers: [
                    HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                    HTTPHeader("Host", "sts.us-east-1.amazonaws.com"),
                ],
                body: Array(
                    ("Action=AssumeRole&Version=2011-06-15"
                        + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fbench-role"
                        + "&RoleSessionName=bench-session&DurationSeconds=3600").utf8)),
            botocoreSignature: "690840dcc235bb5acf46fcf3d33561f6403509f3aa4337955082fc23df4c670f")

        /// bedrock-runtime InvokeModel, 1,024-byte JSON body (`benchlib.bedrock_body`).
        static let bedrockInvokeModel = BenchRequest(
            name: "bedrock_invoke_model", service: "bedrock",
            request: SigV4Request(
                method: "POST", path: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke",
                headers: [
                    HTTPHeader("Content-Type", "application/json"),
                    HTTPHeader("Accept", "application/json"),
                    HTTPHeader("Host", "bedrock-runtime.us-east-1.amazonaws.com"),
                ],
                body: bedrockBody(length: 1024)),
            botocoreSignature: "abcdc00007ad0cc169d1458a423ed9ee66b6eea0df22c82ca20565e55b4fc283")

        /// `benchlib.bedrock_body`: an Anthropic-messages JSON document padded to `length` bytes with a
        /// repeated sentence in the user message (compact separators, keys in insertion order).
        static func bedrockBody(length: Int) -> [UInt8] {
            let head =
                #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":512,"temperature":0.2,"#
                + #""system":"You are a concise assistant used in an offline benchmark.","#
                + #""messages":[{"role":"user","content":[{"type":"text","text":""#
            let tail = #""}]}]}"#
            let filler = Array(
                ("Summarise the following audit record in one sentence: "
                    + "principal assumed role bench-role from 127.0.0.1 and invoked a model. ").utf8)
            let need = max(0, length - head.utf8.count - tail.utf8.count)
            let text = (0..<need).map { filler[$0 % filler.count] }
            return Array(head.utf8) + text + Array(tail.utf8)
        }
    }
}
