import Dispatch
import Foundation
import RoleplaySync
import Synchronization

/// Group commit: a background thread that forces written journal bytes to the disk every
/// `interval`, or sooner once `groupBytes` are waiting, so a power loss loses at most that much, without one
/// `fdatasync` per request.
final class JournalSyncer: Sendable {
    /// The longest written bytes wait for the disk.
    static let interval = DispatchTimeInterval.milliseconds(10)
    /// How many written bytes wake the thread before the interval is over.
    static let groupBytes = 1 << 20

    /// The journal being written (compaction swaps in a new one).
    private let file: Locked<JournalFile>
    private let warn: @Sendable (String) -> Void
    private let unsynced = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)

    init(file: JournalFile, warn: @escaping @Sendable (String) -> Void) {
        self.file = Locked(file)
        self.warn = warn
        let thread = Thread { [self] in run() }
        thread.name = "roleplay-journal-sync"
        thread.start()
    }

    /// Counts bytes just written; wakes the thread when a group is full.
    func wrote(_ count: Int) {
        let before = unsynced.add(count, ordering: .relaxed).oldValue
        if before < Self.groupBytes, before + count >= Self.groupBytes { wake.signal() }
    }

    /// Syncs `file` from now on (the journal that replaced the last one, already synced whole).
    func switchTo(_ file: JournalFile) { self.file.withLock { $0 = file } }

    /// Syncs what is left and ends the thread; returns once it has.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        wake.signal()
        exited.wait()
    }

    private func run() {
        var failed = false
        while true {
            _ = wake.wait(timeout: .now() + Self.interval)
            let stop = stopping.load(ordering: .sequentiallyConsistent)
            if unsynced.exchange(0, ordering: .relaxed) > 0, !failed {
                do {
                    try file.withLock { $0 }.sync()
                } catch {
                    failed = true
                    warn("journal: \(error); written changes survive a crash of the process, not of the machine")
                }
            }
            if stop { break }
        }
        exited.signal()
    }
}
