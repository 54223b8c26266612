import RoleplaySync
import Foundation
import SigV4
import Synchronization

/// Compaction while the server runs: when the journal reaches `compactAt` bytes, a background thread replays
/// what was written so far into a snapshot, and swaps in a journal of that snapshot followed by whatever was
/// written meanwhile. Requests keep being answered throughout; their commits wait only for the swap (the copy
/// of the records written during the replay, a sync and a rename).
extension JournalWriter {
    func startCompaction() {
        let thread = Thread { [self] in compact() }
        thread.name = "roleplay-journal-compact"
        thread.start()
    }

    private func compact() {
        let cut = output.withLock { $0.size }
        do {
            let (restored, damage) = RestoredState.replay(
                try directory.journalBytes(0..<cut), wallClock: VirtualClock.systemWall, maxEvents: directory.maxEvents)
            if let damage { throw StateDirectoryError("the journal reads back damaged at offset \(damage.offset)") }
            let snapshot = directory.snapshotBytes(restored.snapshot)
            let temporary = try directory.startReplacement(snapshot)
            try output.withLock { (output: inout Output) throws(StateDirectoryError) in
                let tail = try directory.journalBytes(cut..<output.size)
                let journal = try directory.finishReplacement(temporary, appending: tail)
                output.file = journal
                output.size = snapshot.count + tail.count
                output.compactAt = max(compactionBytes, 2 * output.size)
                output.compacting = false
                syncer.switchTo(journal)
            }
        } catch {
            directory.warn("journal: compaction failed: \(error); the journal keeps growing until the next start")
            // Not retried at every write: only once the journal has doubled.
            output.withLock { output in
                output.compactAt = 2 * output.size
                output.compacting = false
            }
        }
    }
}
