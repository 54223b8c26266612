internal import Foundation

/// Reads a whole file, but never more than a bound: a scenario directory or a transcript path is user input too,
/// and a huge file (or `/dev/zero`) must fail with a message, not exhaust memory. The bound is checked while
/// reading, not from the file's size beforehand, so a file that grows or lies about its size cannot get past it.
enum BoundedFile {
    enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case tooLarge(limit: Int)

        var description: String {
            switch self {
            case .unreadable(let reason): "cannot read the file: \(reason)"
            case .tooLarge(let limit): "the file is larger than \(limit) bytes"
            }
        }
    }

    static func read(_ path: String, maxBytes: Int) throws(Failure) -> Data {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            guard data.count <= maxBytes else { throw Failure.tooLarge(limit: maxBytes) }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .unreadable(error.localizedDescription)
        }
    }
}
