import Foundation
import RoleplaySync
import Synchronization

/// Runs async work from a synchronous `ParsableCommand.run()`: the root command (and `main.swift`) stay
/// synchronous, so a command that needs the async clients waits here for its task.
enum AsyncBridge {
    /// Starts `body` on a task and blocks the calling thread until it returns. Never call it from a task or an
    /// actor: only from the main thread of the command line.
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let result = Locked<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }
}
