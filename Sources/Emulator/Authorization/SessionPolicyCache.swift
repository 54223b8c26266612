import PolicyEngine
import RoleplaySync
import Synchronization

/// Compiled session policies by text.
///
/// A session's inline policy travels in its token, so every request of the session brings the text along;
/// compiling it once per distinct text keeps that cheap. Bounded: when full the cache empties (a connector
/// uses a handful of session policies, so a reset costs little and memory stays flat).
final class SessionPolicyCache: Sendable {
    private let entries = Locked<[String: CompiledPolicy]>([:])
    private let capacity: Int

    init(capacity: Int = 1024) { self.capacity = capacity }

    /// The compiled policy; nil when the text is not a valid session policy (it was valid when the session was
    /// issued, so this only happens for a forged token, which the MAC already rules out).
    func policy(_ text: String) -> CompiledPolicy? {
        if let hit = entries.withLock({ $0[text] }) { return hit }
        guard let compiled = CompiledPolicy.compile(text, name: "session policy", kind: .session).policy else {
            return nil
        }
        entries.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[text] = compiled
        }
        return compiled
    }
}
