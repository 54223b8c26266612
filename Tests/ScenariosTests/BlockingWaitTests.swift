import Foundation
import Testing

@testable import Scenarios

/// `BlockingWait` runs its work on its own thread, never on the cooperative pool: the recorder's server threads
/// block on it, and pool threads blocked in `Recorder.stop()` once starved it into a deadlock (docs/reliability.md).
@Suite struct BlockingWaitTests {
    /// A default actor: a call into it from a task that prefers an executor runs on that executor.
    actor Counter {
        var value = 0
        func increment() -> (Int, Bool) {
            value += 1
            return (value, DedicatedThreadExecutor.shared.isCurrentThread)
        }
    }

    @Test func theWorkStaysOnTheDedicatedThreadAcrossAwaits() async {
        let counter = Counter()
        let seen = await Self.onPlainThread {
            BlockingWait.run { () async -> [Bool] in
                var seen = [DedicatedThreadExecutor.shared.isCurrentThread]
                await Task.yield()
                seen.append(DedicatedThreadExecutor.shared.isCurrentThread)
                let (_, inActor) = await counter.increment()
                seen.append(inActor)
                try? await Task.sleep(for: .milliseconds(5))
                seen.append(DedicatedThreadExecutor.shared.isCurrentThread)
                async let child = DedicatedThreadExecutor.shared.isCurrentThread
                seen.append(await child)
                return seen
            }
        }
        #expect(seen == [true, true, true, true, true])
        #expect(await counter.value == 1)
    }

    @Test func aCallerOffThePoolGetsTheValueBack() async {
        let values = await Self.onPlainThread { (1...20).map { n in BlockingWait.run { n * 2 } } }
        #expect(values == (1...20).map { $0 * 2 })
    }

    /// Runs `body` on a new thread, as libmicrohttpd runs its handlers.
    private static func onPlainThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}
