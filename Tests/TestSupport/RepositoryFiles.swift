public import Foundation

/// Finds the repository's own data (`vectors/`, `Conformance/`) from this file's path, so every test target
/// reads its data files the same way and runs from any working directory.
public enum RepositoryFiles {
    public static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static func url(_ relative: String) -> URL { root.appending(path: relative) }

    /// The JSON files of a data folder, sorted; throws when there are none, so a missing folder fails the run
    /// instead of silently skipping a parameterized test.
    public static func jsonFiles(in relative: String) throws -> [URL] {
        let directory = url(relative)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let files = names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appending(path: $0) }
        guard !files.isEmpty else { throw FixtureError("no vector files in \(directory.path)") }
        return files
    }
}

/// A vector file of ours: a line saying where its data comes from, and the cases.
public struct VectorFile<Case: Decodable>: Decodable {
    public let source: String
    public let cases: [Case]

    public static func load(_ relative: String) throws -> VectorFile {
        try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: RepositoryFiles.url(relative)))
    }
}

/// A fixture that could not be built.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// The value, or a `FixtureError` naming what was missing.
public func unwrap<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw FixtureError("missing \(what)") }
    return value
}
