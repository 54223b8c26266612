import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor of the state directory, closed when the last user lets go of it.
///
/// Sendable: the descriptor is immutable, and `write(2)` and `fdatasync(2)` may be called on it from different
/// threads (the journal serializes its writes itself).
final class JournalFile: Sendable {
    let descriptor: Int32
    let path: String

    /// Opens `path` with `flags`; a file it creates is readable and writable by the owner only (0600), since
    /// the journal holds secret access keys.
    init(path: String, flags: Int32) throws(StateDirectoryError) {
        let descriptor = open(path, flags | O_CLOEXEC, S_IRUSR | S_IWUSR)
        guard descriptor >= 0 else { throw .system("cannot open \(path)") }
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Writes every byte, retrying short writes and interruptions.
    func writeAll(_ bytes: [UInt8]) throws(StateDirectoryError) {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + done, raw.count - done)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system("cannot write \(path)")
            }
            done += count
        }
    }

    /// Forces the written bytes to the disk.
    func sync() throws(StateDirectoryError) {
        guard fdatasync(descriptor) == 0 else { throw .system("cannot sync \(path)") }
    }

    /// The whole file, from its start; at most `limit` bytes (a larger file is refused, not read).
    func readAll(limit: Int) throws(StateDirectoryError) -> [UInt8] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .system("cannot stat \(path)") }
        guard Int(info.st_size) <= limit else {
            throw StateDirectoryError("\(path) is \(info.st_size) bytes, more than the \(limit) bytes Roleplay reads")
        }
        return try read(0..<Int(info.st_size))
    }

    /// The bytes at `range`; throws when the file ends before it does.
    func read(_ range: Range<Int>) throws(StateDirectoryError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(range.lowerBound + done))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system("cannot read \(path)")
            }
            guard count > 0 else {
                throw StateDirectoryError("\(path) ends at \(range.lowerBound + done), before \(range.upperBound)")
            }
            done += count
        }
        return bytes
    }
}
