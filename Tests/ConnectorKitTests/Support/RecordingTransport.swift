import AWSWire
import ConnectorKit
import RoleplaySync
import Synchronization

/// Wraps a transport and keeps every request sent through it, so a test sees how many attempts a call took and
/// what each one carried.
final class RecordingTransport: Transport {
    let inner: any Transport
    private let sent = Locked<[TransportRequest]>([])

    init(_ inner: any Transport) { self.inner = inner }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        sent.withLock { $0.append(request) }
        return try await inner.send(request)
    }

    var requests: [TransportRequest] { sent.withLock { $0 } }
    var attempts: Int { requests.count }
}

/// Answers each send with the next scripted outcome (the last one repeats): quota and backoff tests need
/// failures no service would produce on cue.
final class ScriptedTransport: Transport {
    enum Outcome: Sendable {
        case status(Int, code: String)
        case failure(TransportError.Kind)
        case ok
    }

    private let script: Locked<(outcomes: [Outcome], sent: Int)>

    init(_ outcomes: [Outcome]) { script = Locked((outcomes, 0)) }

    var attempts: Int { script.withLock { $0.sent } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let outcome = script.withLock { script in
            defer { script.sent += 1 }
            return script.outcomes[min(script.sent, script.outcomes.count - 1)]
        }
        switch outcome {
        case .ok:
            return TransportResponse(status: 200, headers: [], body: ResponseBody(bytes: Array("{}".utf8)))
        case .status(let status, let code):
            return TransportResponse(
                status: status, headers: [HTTPField("x-amzn-ErrorType", code)],
                body: ResponseBody(bytes: Array(#"{"message":"scripted"}"#.utf8)))
        case .failure(let kind):
            throw TransportError(kind, "scripted")
        }
    }
}

/// The pauses a retry strategy asked for, instead of sleeping through them.
final class RecordedSleeps: Sendable {
    private let pauses = Locked<[Duration]>([])

    var all: [Duration] { pauses.withLock { $0 } }

    /// A standard strategy that records its pauses here and draws `random` for every jitter.
    func strategy(maxAttempts: Int = 3, quota: RetryQuota = RetryQuota(), random: Double = 0.5) -> RetryStrategy {
        RetryStrategy(
            maxAttempts: maxAttempts, quota: quota, random: { random },
            sleep: { [self] pause in pauses.withLock { $0.append(pause) } })
    }
}
