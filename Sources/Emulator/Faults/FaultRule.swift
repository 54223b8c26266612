import AWSWire
import PolicyEngine

/// One fault-injection rule (`POST /_roleplay/faults`, docs/faults.md): which calls it matches, what it does to
/// them, and how many of them.
struct FaultRule: Sendable {
    /// Which calls the rule applies to; a nil member matches anything.
    struct Match: Sendable {
        let service: Service?
        /// The operation name as the service spells it (`AssumeRole`, `ListFoundationModels`).
        let operation: String?
        /// The caller's ARN, exactly or as a glob (`*` any run of characters, `?` one).
        let caller: String?
        private let callerPattern: GlobPattern?

        init(service: Service?, operation: String?, caller: String?) {
            self.service = service
            self.operation = operation
            self.caller = caller
            callerPattern = caller.map(GlobPattern.init)
        }

        func matches(service: Service, operation: String, caller: String) -> Bool {
            (self.service == nil || self.service == service) && (self.operation == nil || self.operation == operation)
                && (callerPattern?.matches(caller) ?? true)
        }
    }

    /// What the rule does to a matching call.
    enum Action: Sendable {
        /// Answer with this error in the protocol's error shape, without running the call.
        case error(code: AWSError.Code, status: Int, message: String)
        /// Answer with the protocol's own throttling error (`FaultRule.throttling(for:)`).
        case throttle
        /// Wait this long, then run the call normally.
        case latency(milliseconds: Int)
        /// Run the call, but end a streamed response after this many chunks (`RequestEnvironment.cutStreamAfterChunks`).
        case cutStream(afterChunks: Int)
    }

    /// How many matching calls the rule takes.
    enum Budget: Sendable {
        /// Every matching call.
        case always
        /// The next N matching calls; `remaining` counts down.
        case count(Int)
        /// Each matching call with this probability, drawn from the injector's seeded generator.
        case probability(Double)
    }

    /// 1, 2, … in the order rules were added (since the last clear or reset).
    let id: Int
    let match: Match
    let action: Action
    let budget: Budget
    /// For `.count`: how many calls the rule still takes.
    var remaining: Int?
    /// How many calls the rule has taken.
    var hits = 0

    init(id: Int, match: Match, action: Action, budget: Budget) {
        self.id = id
        self.match = match
        self.action = action
        self.budget = budget
        if case .count(let count) = budget { remaining = count }
    }

    /// The error a throttle answers with: what each protocol's services send when they throttle (spec §9.1):
    /// query `Throttling` 400 `Rate exceeded`; CloudTrail `ThrottlingException` 429 `Rate exceeded`; Bedrock
    /// `ThrottlingException` 429 `Too many requests, please wait before trying again.` (§7.1). Every one of them
    /// is retried by the SDKs.
    static func throttling(for service: Service) -> AWSError {
        switch service.wireProtocol {
        case .query: AWSError(code: .throttling, message: "Rate exceeded")
        case .json: AWSError(code: .throttlingException, message: "Rate exceeded")
        case .restJSON:
            AWSError(code: .throttlingException, message: "Too many requests, please wait before trying again.")
        }
    }
}
