internal import Foundation
internal import RoleplaySync

/// A task executor with one thread of its own, for async work awaited by a blocked synchronous caller.
///
/// Why: the recorder's libmicrohttpd threads block until the upstream call (async) ends. Run on the shared
/// cooperative pool, that call can starve: the pool has one thread per core, and a test or a `deinit` that
/// stops the server from a pool thread blocks there until those very calls finish — on 2 cores the pool ran
/// dry and the process deadlocked (docs/reliability.md, "Sanitizers"). Work preferring this executor (with
/// default actors and its structured child tasks) never needs a pool thread, so it finishes whatever the pool does.
///
/// The thread lives as long as the process: `shared` is created once, on first use.
final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// The one used by `BlockingWait`.
    static let shared = DedicatedThreadExecutor()

    /// The thread's identity, known once it has started (tests check that work never left it).
    private let thread = Locked<pthread_t?>(nil)
    private let queue = Locked<[UnownedJob]>([])
    private let ready = DispatchSemaphore(value: 0)

    private init() {
        // Identity is a `pthread_t`, not a name: a new Linux thread inherits its creator's name (often
        // libmicrohttpd's "MHD-connection"), and Foundation's name setter does not reach the OS there.
        Thread { [unowned self] in
            self.thread.withLock { $0 = pthread_self() }
            while true { self.runNextJob() }
        }.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.append(job) }
        ready.signal()
    }

    /// Waits for a job and runs it; jobs run one at a time, in the order they were enqueued.
    private func runNextJob() {
        ready.wait()
        guard let job = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return }
        job.runSynchronously(on: asUnownedTaskExecutor())
    }

    /// Whether the caller runs on this executor's thread.
    var isCurrentThread: Bool {
        thread.withLock { thread in thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }
}
