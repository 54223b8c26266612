import RoleplaySync
import Synchronization

/// Appends records to the open journal, in the order they are appended, and hands them to the kernel before
/// the request that made them is answered; `JournalSyncer` forces them to the disk in groups.
///
/// Two steps, so no I/O happens under the emulator's state lock: `append` encodes a record into a buffer (under
/// the state lock, which fixes the order); `JournalTicket.commit` then writes everything buffered up to that
/// record with one `write(2)`, unless another request's commit already wrote it (group write).
///
/// Lock order: `output`, then `pending`; `append` takes `pending` alone.
final class JournalWriter: Sendable {
    private struct Pending {
        var bytes: [UInt8] = []
        /// How many records were appended, ever.
        var appended: UInt64 = 0
    }

    struct Output {
        /// The journal, open for appending (compaction replaces it).
        var file: JournalFile
        /// How many bytes the journal holds.
        var size: Int
        /// The size that starts a compaction.
        var compactAt: Int
        /// Whether a compaction is running.
        var compacting = false
        /// How many records were written.
        var written: UInt64 = 0
        /// The buffer being written, swapped with the pending one, so both keep their capacity.
        var buffer: [UInt8] = []
        /// Set by the first failed write: nothing is written after it (the file's end is unknown).
        var failed = false
    }

    private let pending = Locked(Pending())
    let output: Locked<Output>
    let syncer: JournalSyncer
    /// Holds the directory's lock for as long as records are written to it.
    let directory: JournalDirectory
    /// The smallest size that starts a compaction.
    let compactionBytes: Int

    init(file: JournalFile, size: Int, compactAt: Int, directory: JournalDirectory) {
        output = Locked(Output(file: file, size: size, compactAt: max(compactAt, 2 * size)))
        compactionBytes = compactAt
        self.directory = directory
        syncer = JournalSyncer(file: file, warn: directory.warn)
    }

    deinit { syncer.stop() }

    /// Buffers a record; returns what to commit once the state lock is released.
    func append(_ record: JournalRecord) -> JournalTicket {
        let appended = pending.withLock { pending -> UInt64? in
            guard JournalFormat.appendFrame(record, to: &pending.bytes) else { return nil }
            pending.appended += 1
            return pending.appended
        }
        guard let appended else {
            directory.warn(
                "journal: a record larger than \(JournalFormat.maxRecordBytes) bytes was not written; that change is not durable"
            )
            return JournalTicket(writer: self, sequence: 0)
        }
        return JournalTicket(writer: self, sequence: appended)
    }

    /// Writes every buffered record up to and including `sequence`, unless that already happened.
    fileprivate func write(through sequence: UInt64) {
        output.withLock { output in
            guard output.written < sequence else { return }
            output.written = pending.withLock { pending in
                swap(&output.buffer, &pending.bytes)
                return pending.appended
            }
            defer {
                // Keeps a moderate buffer for the next write; one huge snapshot should not pin its memory.
                if output.buffer.capacity > JournalSyncer.groupBytes {
                    output.buffer = []
                } else {
                    output.buffer.removeAll(keepingCapacity: true)
                }
            }
            guard !output.failed else { return }
            do {
                try output.file.writeAll(output.buffer)
                output.size += output.buffer.count
                syncer.wrote(output.buffer.count)
            } catch {
                output.failed = true
                directory.warn("journal: \(error); changes from now on are not durable")
                return
            }
            if output.size >= output.compactAt, !output.compacting {
                output.compacting = true
                startCompaction()
            }
        }
    }
}

/// A record appended to the journal, to be written once the state lock is released.
struct JournalTicket: Sendable {
    let writer: JournalWriter
    let sequence: UInt64

    /// Hands the record (and all before it) to the kernel: a `kill -9` after this loses nothing.
    func commit() { writer.write(through: sequence) }
}
