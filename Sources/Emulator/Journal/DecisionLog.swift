public import PolicyEngine
import RoleplaySync
import Synchronization

/// The authorization decisions of recent requests, by request ID, for `GET /_roleplay/decisions`.
///
/// AWS's denial says only "not authorized"; the log says why. It keeps the inputs of each decision (the
/// request and the policies, both immutable and shared), not the explanation: the full trace is computed only
/// when someone asks, so the request path pays one insertion.
///
/// Two bounded rings: requests with a denial (the ones people ask about; 10,000 by default) and requests whose
/// every decision allowed (1,000 by default). Keeping a busy server's allowed requests as long as its denials
/// would hold tens of megabytes of request contexts and make every insertion free a cache-cold one.
public final class DecisionLog: Sendable {
    /// One authorization made while serving a request.
    public struct Entry: Sendable {
        public var request: AuthorizationRequest
        public var policies: PolicySet
        public var decision: Decision
        /// Why the pipeline overrode the engine (a missing role), if it did.
        public var note: String?
    }

    /// The last `capacity` requests' entries, oldest replaced first.
    private struct Ring: ~Copyable {
        let capacity: Int
        var byID: [String: [Entry]] = [:]
        var order: [String] = []
        var head = 0

        init(capacity: Int) { self.capacity = max(1, capacity) }

        mutating func insert(_ requestID: String, _ entries: [Entry]) {
            if byID[requestID]?.append(contentsOf: entries) != nil { return }
            if order.count < capacity {
                order.append(requestID)
            } else {
                byID[order[head]] = nil
                order[head] = requestID
                head = (head + 1) % capacity
            }
            // The caller's array itself, not a copy of its entries: no allocation, no retain per entry.
            byID[requestID] = entries
        }
    }

    private let denied: Locked<Ring>
    private let allowed: Locked<Ring>
    /// How many requests with a denial are kept.
    public let deniedCapacity: Int
    /// How many requests whose decisions all allowed are kept.
    public let allowedCapacity: Int

    public init(deniedCapacity: Int = 10_000, allowedCapacity: Int = 1_000) {
        self.deniedCapacity = max(1, deniedCapacity)
        self.allowedCapacity = max(1, allowedCapacity)
        denied = Locked(Ring(capacity: deniedCapacity))
        allowed = Locked(Ring(capacity: allowedCapacity))
    }

    func record(requestID: String, _ entries: [Entry]) {
        guard !entries.isEmpty else { return }
        if entries.contains(where: { $0.decision != .allowed }) {
            denied.withLock { $0.insert(requestID, entries) }
        } else {
            allowed.withLock { $0.insert(requestID, entries) }
        }
    }

    /// The decisions made for a request, oldest first; nil when the ID is unknown or has aged out.
    public func entries(requestID: String) -> [Entry]? {
        denied.withLock { $0.byID[requestID] } ?? allowed.withLock { $0.byID[requestID] }
    }

    func removeAll() {
        denied.withLock { $0 = Ring(capacity: deniedCapacity) }
        allowed.withLock { $0 = Ring(capacity: allowedCapacity) }
    }
}
