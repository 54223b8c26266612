internal import Foundation
internal import RoleplaySync
internal import Synchronization

/// Runs async work from a synchronous caller and blocks until it ends: `HTTPServer` calls its handler on a
/// libmicrohttpd thread and wants the response back from that call, while the upstream transport is async.
/// Only for threads that are not a Swift concurrency executor's (the server's own threads are not). The work
/// runs on `DedicatedThreadExecutor.shared`, never on the cooperative pool, so it cannot starve behind pool
/// threads that are themselves blocked waiting for it (a `Recorder` stopped from async code).
enum BlockingWait {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let result = Locked<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached(executorPreference: DedicatedThreadExecutor.shared) {
            let value = await body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }
}
