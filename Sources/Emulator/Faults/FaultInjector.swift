import RoleplaySync
import Synchronization

/// The fault-injection rules and what they have taken so far: consulted once per call, after authentication
/// (the caller is known) and before the input is decoded.
///
/// The first rule, in the order added, that matches the call and whose budget takes it decides; a count rule
/// that has run out stays listed (with its hits) but takes nothing more. Probabilities are drawn from one
/// SplitMix64 stream seeded from `--seed` (or from secure random bytes), restarted by a clear or a reset, so a
/// seeded sequential run injects the same faults every time.
final class FaultInjector: Sendable {
    /// The most rules kept at once; `add` refuses more.
    static let maxRules = 1_000

    private struct Rules {
        var list: [FaultRule] = []
        var nextID = 1
        var random: SplitMix
    }

    private let seed: UInt64
    private let rules: Locked<Rules>

    init(seed: UInt64) {
        self.seed = seed
        rules = Locked(Rules(random: SplitMix(seed: seed)))
    }

    /// Adds a rule built from its parts; nil when `maxRules` are already kept.
    func add(match: FaultRule.Match, action: FaultRule.Action, budget: FaultRule.Budget) -> FaultRule? {
        rules.withLock { rules in
            guard rules.list.count < Self.maxRules else { return nil }
            let rule = FaultRule(id: rules.nextID, match: match, action: action, budget: budget)
            rules.nextID += 1
            rules.list.append(rule)
            return rule
        }
    }

    /// Every rule, with its remaining count and hits.
    var list: [FaultRule] { rules.withLock { $0.list } }

    /// Forgets every rule and restarts the numbering and the random stream.
    func clear() { rules.withLock { $0 = Rules(random: SplitMix(seed: seed)) } }

    /// The action of the first rule that takes this call, counting the hit; nil when none does.
    func action(service: Service, operation: String, caller: String) -> FaultRule.Action? {
        rules.withLock { rules in
            for index in rules.list.indices
            where rules.list[index].match.matches(service: service, operation: operation, caller: caller) {
                switch rules.list[index].budget {
                case .always: break
                case .count:
                    guard let remaining = rules.list[index].remaining, remaining > 0 else { continue }
                    rules.list[index].remaining = remaining - 1
                case .probability(let p):
                    // 53 random bits give a uniform double in [0, 1).
                    let draw = Double(rules.random.next() >> 11) / Double(1 << 53)
                    guard draw < p else { continue }
                }
                rules.list[index].hits += 1
                return rules.list[index].action
            }
            return nil
        }
    }
}
