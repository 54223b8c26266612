import Foundation

/// Finds the repository's own data folders (`vectors/`, `Conformance/`) from this file's path, so tests
/// run from any working directory.
enum RepositoryFiles {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appending(path: relative) }
}
