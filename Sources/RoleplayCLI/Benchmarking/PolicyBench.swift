import ArgumentParser
import Foundation
import Glibc
import PolicyEngine

extension Roleplay {
    /// `roleplay bench policy`: policy evaluations and validations per second on one thread.
    ///
    /// Figures: the full `sts:AssumeRole` authorization of the seed's trust policy (MISSION.md) for a
    /// cross-account caller whose own policy allows the role (decision only, and with the explained
    /// trace the emulator keeps for denies); a 10-statement identity policy with conditions, compiled
    /// once; and parse + validate of the seed trust policy's text. Each decision is checked before
    /// timing; runs are interleaved across figures so drift in machine speed hits every figure alike.
    struct PolicyBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Trust-policy evaluations/s, identity-policy evaluations/s and parse+validate/s on one thread."
        )

        @OptionGroup var options: BenchOptions

        @Option(help: "Only the figures whose name (e.g. `trust-eval`) contains this text.")
        var filter: String?

        @Flag(help: "Print one JSON object per figure (name, unit, median, runs) instead of text.")
        var json = false

        @Flag(help: "Divide by this thread's CPU time instead of wall time (a shared, busy machine steals wall time).")
        var cpuTime = false

        func run() throws {
            #if DEBUG
                log("warning: debug build; build with `swift build -c release` for real figures")
            #endif
            let fixture = try Fixture()
            try fixture.check()
            let figures = fixture.figures.filter { figure in filter.map { figure.name.contains($0) } ?? true }
            var sink = 0
            var rates = [[Double]](repeating: [], count: figures.count)
            func measure(_ seconds: Double, _ body: () -> Void) -> Double {
                cpuTime ? Self.cpuRate(seconds: seconds, body) : Throughput.rate(seconds: seconds, body)
            }
            for figure in figures { _ = measure(min(0.2, options.seconds)) { sink &+= figure.body() } }
            for _ in 0..<options.runs {
                for (index, figure) in figures.enumerated() {
                    rates[index].append(measure(options.seconds) { sink &+= figure.body() })
                }
            }
            if !json {
                let clock = cpuTime ? "thread CPU time" : "wall time"
                print(
                    "# roleplay PolicyEngine, 1 thread, \(options.runs) runs x \(options.seconds)s of \(clock), "
                        + "interleaved; median")
            }
            for (figure, runs) in zip(figures, rates) {
                let throughput = Throughput(rates: runs)
                if json {
                    let list = runs.map { String($0) }.joined(separator: ",")
                    print(
                        "{\"name\":\"policy.\(figure.name)\",\"unit\":\"\(figure.unit)\","
                            + "\"median\":\(throughput.median),\"spread_pct\":\(throughput.spreadPercent),"
                            + "\"runs\":[\(list)]}")
                } else {
                    print(
                        "policy \(figure.name): \(formatRate(throughput.median)) \(figure.unit) "
                            + "(median of \(runs.count), spread \(throughput.spreadPercent)%)")
                }
            }
            if MallocCounter.isAvailable {
                for figure in figures {
                    for _ in 0..<16 { sink &+= figure.body() }
                    if let count = MallocCounter.count(iterations: 1000, { sink &+= figure.body() }) {
                        print("allocations per operation: \(String(format: "%.2f", count)) (policy \(figure.name))")
                    }
                }
            }
            if sink == 0x5eed_dead { log("") }  // keeps the measured work observable
        }

        func log(_ message: String) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }

        /// Like `Throughput.rate`, but against this thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), so
        /// time the scheduler gives to other processes does not count against the figure.
        static func cpuRate(seconds: Double, _ body: () -> Void) -> Double {
            func now() -> Double {
                var spec = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
                return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
            }
            let start = now()
            var count = 0
            var elapsed = 0.0
            repeat {
                for _ in 0..<256 { body() }
                count += 256
                elapsed = now() - start
            } while elapsed < seconds
            return Double(count) / elapsed
        }
    }
}

extension Roleplay.PolicyBench {
    /// One timed figure; `body` returns a value folded into a sink so the work stays observable.
    struct Figure {
        let name: String
        let unit: String
        let body: () -> Int
    }

    /// The seed's policies and requests, compiled once.
    struct Fixture {
        /// The trust policy the connector page shows (MISSION.md), with a concrete External ID.
        static let trustText = """
            {"Version":"2012-10-17","Statement":[{"Sid":"AllowSystemAccount","Effect":"Allow",\
            "Principal":{"AWS":"arn:aws:iam::808540602285:root"},"Action":"sts:AssumeRole",\
            "Condition":{"StringEquals":{"sts:ExternalId":"4f6c1a2e-9b1d-4c5e-8f7a-0d3b2c1e5a96"}}}]}
            """
        /// The SaaS caller's own permission to assume the customer's role.
        static let callerText = """
            {"Version":"2012-10-17","Statement":[{"Sid":"AssumeCustomerRole","Effect":"Allow",\
            "Action":"sts:AssumeRole","Resource":"arn:aws:iam::123456789012:role/airia-bedrock-access"}]}
            """
        /// Ten statements with conditions, the shape of a real role permission policy.
        static let identityText = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"DenyWithoutTLS","Effect":"Deny","Action":"*","Resource":"*",
               "Condition":{"Bool":{"aws:SecureTransport":"false"}}},
              {"Sid":"DenyOutsideRegions","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*",
               "Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","us-west-2"]}}},
              {"Sid":"ListModels","Effect":"Allow",
               "Action":["bedrock:ListFoundationModels","bedrock:GetFoundationModel"],"Resource":"*"},
              {"Sid":"InvokeAnthropic","Effect":"Allow",
               "Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],
               "Resource":"arn:aws:bedrock:*::foundation-model/anthropic.*",
               "Condition":{"StringEquals":{"aws:PrincipalTag/team":"ml"}}},
              {"Sid":"InvokeProfiles","Effect":"Allow","Action":"bedrock:InvokeModel*",
               "Resource":"arn:aws:bedrock:*:123456789012:inference-profile/us.*"},
              {"Sid":"ReadReports","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],
               "Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/${aws:PrincipalTag/team}/*"]},
              {"Sid":"OfficeOnlyWrites","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::reports/*",
               "Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]}}},
              {"Sid":"TagOwnSessions","Effect":"Allow","Action":"sts:TagSession","Resource":"*",
               "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","project"]}}},
              {"Sid":"BusinessHours","Effect":"Allow","Action":"cloudtrail:LookupEvents","Resource":"*",
               "Condition":{"DateGreaterThan":{"aws:CurrentTime":"2025-01-01T00:00:00Z"},
                            "DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"}}},
              {"Sid":"NoDeletes","Effect":"Deny","Action":["s3:Delete*","bedrock:Delete*"],"Resource":"*"}
            ]}
            """

        let trust: CompiledPolicy
        let caller: CompiledPolicy
        let identity: CompiledPolicy
        let assumeRole: AuthorizationRequest
        let wrongExternalID: AuthorizationRequest
        let invokeModel: AuthorizationRequest

        init() throws {
            func compile(_ text: String, _ name: String, _ kind: PolicyKind) throws -> CompiledPolicy {
                let (policy, report) = CompiledPolicy.compile(text, name: name, kind: kind)
                guard let policy else { throw CLIError("bench fixture \(name) is invalid: \(report.diagnostics)") }
                return policy
            }
            trust = try compile(Self.trustText, "Trust", .trust)
            caller = try compile(Self.callerText, "Connector", .identity)
            identity = try compile(Self.identityText, "RolePermissions", .identity)
            let saas = Caller(arn: "arn:aws:iam::808540602285:user/airia-connector")!
            let role = "arn:aws:iam::123456789012:role/airia-bedrock-access"
            assumeRole = AuthorizationRequest(
                caller: saas, action: "sts:AssumeRole", resource: role,
                context: RequestContext([
                    "sts:ExternalId": "4f6c1a2e-9b1d-4c5e-8f7a-0d3b2c1e5a96",
                    "sts:RoleSessionName": "airia-session",
                ]))
            wrongExternalID = AuthorizationRequest(
                caller: saas, action: "sts:AssumeRole", resource: role,
                context: RequestContext(["sts:ExternalId": "b71e0c44-2a9f-4d18-9c63-5e0f7a8d1b22"]))
            var session = Caller(arn: "arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/airia-session")!
            session.roleARN = role
            invokeModel = AuthorizationRequest(
                caller: session.tagged(["team": "ml"]), action: "bedrock:InvokeModel",
                resource: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
                context: RequestContext([
                    "aws:SecureTransport": "true", "aws:RequestedRegion": "us-east-1",
                    "aws:SourceIp": "192.0.2.10", "aws:CurrentTime": "2025-06-01T12:00:00Z",
                ]))
        }

        var assumeRolePolicies: PolicySet { PolicySet(identity: [caller], resource: trust) }

        /// Refuses to time an engine that decides the seed's requests wrongly.
        func check() throws {
            let checks: [(String, Decision, Decision)] = [
                ("trust policy, matching External ID", Authorizer.decide(assumeRole, assumeRolePolicies), .allowed),
                (
                    "trust policy, stale External ID", Authorizer.decide(wrongExternalID, assumeRolePolicies),
                    .implicitDeny
                ),
                (
                    "identity policy, InvokeModel", Authorizer.decide(invokeModel, PolicySet(identity: [identity])),
                    .allowed
                ),
                ("explained trust evaluation", Authorizer.evaluate(assumeRole, assumeRolePolicies).decision, .allowed),
            ]
            for (name, got, want) in checks where got != want {
                throw CLIError("bench check failed: \(name) decided \(got), expected \(want)")
            }
            guard PolicyValidator(kind: .trust).validate(Self.trustText).isValid else {
                throw CLIError("bench check failed: the seed trust policy does not validate")
            }
        }

        var figures: [Figure] {
            let assume = assumeRole
            let policies = assumeRolePolicies
            let invoke = invokeModel
            let identityPolicies = PolicySet(identity: [identity])
            let validator = PolicyValidator(kind: .trust)
            let text = Self.trustText
            return [
                Figure(name: "trust-eval", unit: "evaluations/s") {
                    Authorizer.decide(assume, policies) == .allowed ? 1 : 0
                },
                Figure(name: "trust-eval-explained", unit: "evaluations/s") {
                    Authorizer.evaluate(assume, policies).trace.count
                },
                Figure(name: "identity-eval-10-statements", unit: "evaluations/s") {
                    Authorizer.decide(invoke, identityPolicies) == .allowed ? 1 : 0
                },
                Figure(name: "trust-parse-validate", unit: "documents/s") {
                    validator.validate(text).isValid ? 1 : 0
                },
            ]
        }
    }
}
