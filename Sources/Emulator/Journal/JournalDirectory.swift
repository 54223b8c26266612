import Foundation
import SigV4

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A state directory (`--state-dir`, docs/persistence.md):
///
///     DIR/                  0700
///     DIR/lock              locked (flock) while a server uses the directory
///     DIR/journal           0600: the header, then records
///     DIR/journal.tmp       the next journal, while compaction writes it
///     DIR/journal.damaged   0600: the journal as it was when a start found it damaged
///
/// Holding the value holds the lock; a second server on the same directory is refused at start.
final class JournalDirectory: Sendable {
    let path: String
    let warn: @Sendable (String) -> Void
    /// How many CloudTrail events a replay keeps (the store's bound, `--cloudtrail-max-events`), so neither a
    /// restart nor a compaction carries more events than the store would hold.
    let maxEvents: Int
    private let lock: JournalFile

    /// The largest journal a start reads (it is read whole into memory).
    static let maxJournalBytes = 4 << 30

    var journalPath: String { path + "/journal" }

    /// Creates the directory (0700) when missing, and locks it.
    /// - Throws: when it cannot be created, is not a directory, or another process holds it.
    init(
        path: String, maxEvents: Int = CloudTrailStore.defaultMaxEvents, warn: @escaping @Sendable (String) -> Void
    ) throws(StateDirectoryError) {
        self.maxEvents = maxEvents
        self.path = path
        self.warn = warn
        if mkdir(path, S_IRWXU) != 0, errno != EEXIST { throw .system("cannot create state directory \(path)") }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .system("cannot use state directory \(path)") }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw StateDirectoryError("\(path) is not a directory") }
        if info.st_mode & (S_IRWXG | S_IRWXO) != 0 {
            warn("state directory \(path) is open to other users, yet it holds secret access keys: chmod 700 it")
        }
        lock = try JournalFile(path: path + "/lock", flags: O_RDWR | O_CREAT)
        // A lock is briefly held on after its holder lets go when a child process was being started then (the
        // child shares the descriptor until it execs), so a busy directory gets a second before it is refused.
        var attempts = 0
        while flock(lock.descriptor, LOCK_EX | LOCK_NB) != 0 {
            attempts += 1
            guard errno == EWOULDBLOCK || errno == EINTR, attempts < Self.lockAttempts else {
                throw .system("state directory \(path) is in use by another roleplay process")
            }
            usleep(10_000)
        }
    }

    /// How many times a start tries the lock, 10 ms apart.
    static let lockAttempts = 100

    /// Reads the journal back. A damaged journal keeps its intact part: the damage is reported through `warn`
    /// with its offset, and the whole file is kept as `journal.damaged`.
    /// - Throws: when the journal cannot be read, or is not a journal this version reads.
    func restore(wallClock: @escaping @Sendable () -> AmzDate) throws(StateDirectoryError) -> RestoredState {
        var info = stat()
        if stat(journalPath, &info) != 0, errno == ENOENT { return RestoredState(wallClock: wallClock) }
        let file = try JournalFile(path: journalPath, flags: O_RDONLY)
        let bytes = try file.readAll(limit: Self.maxJournalBytes)
        // Compaction writes whole files, so a short header only comes from outside damage; nothing was in it.
        if bytes.count < JournalFormat.headerBytes, JournalFormat.header.starts(with: bytes) {
            warn("\(journalPath) holds only \(bytes.count) bytes of a header; starting empty")
            return RestoredState(wallClock: wallClock)
        }
        if let problem = JournalFormat.headerProblem(bytes) { throw StateDirectoryError("\(journalPath): \(problem)") }
        let (restored, damage) = RestoredState.replay(bytes, wallClock: wallClock, maxEvents: maxEvents)
        if let damage {
            let kept = path + "/journal.damaged"
            let copied: String
            do {
                try JournalFile(path: kept, flags: O_WRONLY | O_CREAT | O_TRUNC).writeAll(bytes)
                copied = "the journal as it was is kept in \(kept)"
            } catch {
                copied = "no copy of it could be kept (\(error))"
            }
            warn("\(journalPath): \(Self.describe(damage)); the records before it are restored; \(copied)")
        }
        return restored
    }

    /// Compaction at start: writes `records` as the new journal, and opens it for appending.
    /// - Parameter compactAt: the journal size at which the running server compacts it again.
    func compact(_ records: [JournalRecord], compactAt: Int) throws(StateDirectoryError) -> JournalWriter {
        let bytes = snapshotBytes(records)
        let journal = try finishReplacement(startReplacement(bytes), appending: [])
        return JournalWriter(file: journal, size: bytes.count, compactAt: compactAt, directory: self)
    }

    /// A whole journal file holding `records`.
    func snapshotBytes(_ records: [JournalRecord]) -> [UInt8] {
        var bytes = JournalFormat.header
        for record in records where !JournalFormat.appendFrame(record, to: &bytes) {
            warn(
                "journal: a record larger than \(JournalFormat.maxRecordBytes) bytes was left out of the compacted journal"
            )
        }
        return bytes
    }

    /// Replacing the journal, step 1: writes the start of the next one to `journal.tmp`.
    func startReplacement(_ bytes: [UInt8]) throws(StateDirectoryError) -> JournalFile {
        let temporary = journalPath + ".tmp"
        unlink(temporary)
        let file = try JournalFile(path: temporary, flags: O_WRONLY | O_CREAT | O_EXCL)
        try file.writeAll(bytes)
        return file
    }

    /// Replacing the journal, step 2: appends `tail` to `journal.tmp`, syncs it, renames it over the journal and
    /// syncs the directory (a crash at any point leaves one whole journal, old or new).
    /// - Returns: the new journal, open at its end for the writes that follow (the same descriptor, so nothing
    ///   can fail between the rename and the next write).
    /// - Throws: when the journal was not replaced.
    func finishReplacement(_ temporary: JournalFile, appending tail: [UInt8]) throws(StateDirectoryError)
        -> JournalFile
    {
        try temporary.writeAll(tail)
        try temporary.sync()
        guard rename(temporary.path, journalPath) == 0 else { throw .system("cannot replace \(journalPath)") }
        do {
            let directory = try JournalFile(path: path, flags: O_RDONLY | O_DIRECTORY)
            guard fsync(directory.descriptor) == 0 else { throw StateDirectoryError.system("cannot sync \(path)") }
        } catch {
            warn("journal: \(error); a power loss now could bring back the journal before compaction")
        }
        return temporary
    }

    /// The journal's bytes at `range` (written by the running server).
    func journalBytes(_ range: Range<Int>) throws(StateDirectoryError) -> [UInt8] {
        try JournalFile(path: journalPath, flags: O_RDONLY).read(range)
    }

    private static func describe(_ damage: JournalFormat.Damage) -> String {
        let dropped = "\(damage.droppedBytes) bytes from offset \(damage.offset) are dropped"
        switch damage.kind {
        case .tornTail: return "the last record is incomplete (a write cut short); \(dropped)"
        case .corrupt(let reason):
            return "corrupt record at offset \(damage.offset) (\(reason)); replay stops there: \(dropped)"
        case .unreadable: return "unreadable record at offset \(damage.offset); replay stops there: \(dropped)"
        }
    }
}
