import Dispatch
import Foundation
import Synchronization

/// Runs blocking bodies, one OS thread each, and collects their results.
///
/// The soak's clients block on sockets, one connection per thread, which is what a fleet of independent clients
/// looks like to the server; Swift concurrency's cooperative pool (two threads on a two-core machine) would
/// serialize them.
enum SoakThreads {
    /// Starts every body on its own thread, then waits until all have returned or `seconds` have passed.
    /// - Returns: the results in the bodies' order; nil for a body still running at the deadline (a hang).
    static func run<T: Sendable>(_ bodies: [@Sendable () -> T], within seconds: Double) -> [T?] {
        let results = Mutex<[Int: T]>([:])
        let group = DispatchGroup()
        for (index, body) in bodies.enumerated() {
            group.enter()
            let thread = Thread {
                let result = body()
                results.withLock { $0[index] = result }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        _ = group.wait(timeout: .now() + seconds)
        let collected = results.withLock { $0 }
        return bodies.indices.map { collected[$0] }
    }
}
