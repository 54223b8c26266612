import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a state directory (`--state-dir`) cannot be used: it cannot be created, locked, read or written, or it
/// holds a file that is not a journal this version reads. A damaged journal is not an error: its intact part
/// is kept, with a warning.
public struct StateDirectoryError: Error, CustomStringConvertible {
    public var message: String

    init(_ message: String) { self.message = message }

    /// `message` with the reason the last system call failed.
    static func system(_ message: String) -> StateDirectoryError {
        StateDirectoryError("\(message): \(String(cString: strerror(errno)))")
    }

    public var description: String { message }
}
