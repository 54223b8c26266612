public import PolicyEngine
import Synchronization

/// The authorization decisions of recent requests, by request ID, for `GET /_roleplay/decisions`.
///
/// AWS's denial says only "not authorized"; the log says why. It keeps the inputs of each decision (the
/// request and the policies, both immutable and shared), not the explanation: the full trace is computed only
/// when someone asks, so the request path pays one insertion. Bounded to the last `capacity` requests.
public final class DecisionLog: Sendable {
    /// One authorization made while serving a request.
    public struct Entry: Sendable {
        public var request: AuthorizationRequest
        public var policies: PolicySet
        public var decision: Decision
        /// Why the pipeline overrode the engine (a missing role), if it did.
        public var note: String?
    }

    private struct Ring: ~Copyable {
        var byID: [String: [Entry]] = [:]
        var order: [String] = []
        var head = 0
    }

    private let ring = Mutex(Ring())
    public let capacity: Int

    public init(capacity: Int = 10_000) { self.capacity = max(1, capacity) }

    func record(requestID: String, _ entries: [Entry]) {
        guard !entries.isEmpty else { return }
        ring.withLock { r in
            if r.byID[requestID] == nil {
                if r.order.count < capacity {
                    r.order.append(requestID)
                } else {
                    r.byID[r.order[r.head]] = nil
                    r.order[r.head] = requestID
                    r.head = (r.head + 1) % capacity
                }
            }
            r.byID[requestID, default: []] += entries
        }
    }

    /// The decisions made for a request, oldest first; nil when the ID is unknown or has aged out.
    public func entries(requestID: String) -> [Entry]? { ring.withLock { $0.byID[requestID] } }

    func removeAll() { ring.withLock { $0 = Ring() } }
}
