import Foundation

/// Reads scenario files and checks them completely before anything runs, so a typo is reported as
/// `file:line: message` up front rather than as a failure half-way through a run against a live endpoint.
public struct ScenarioLoader: Sendable {
    /// The largest scenario file read (1 MiB): far above any hand-written scenario, and small enough that a
    /// wrong path (a log, a disk image) fails at once with a clear message.
    public static let maxFileBytes = 1 << 20

    /// Whether a service (`iam`) has an operation (`CreateRole`); the runner's operation catalog answers.
    public let knownOperation: @Sendable (_ service: String, _ operation: String) -> Bool

    public init(knownOperation: @escaping @Sendable (_ service: String, _ operation: String) -> Bool) {
        self.knownOperation = knownOperation
    }

    /// The scenario in the file at `path`; messages name the path as given.
    public func load(file path: String) throws(ScenarioFileError) -> Scenario {
        let data: Data
        do {
            data = try BoundedFile.read(path, maxBytes: Self.maxFileBytes)
        } catch {
            throw ScenarioFileError(location: SourceLocation(file: path, line: 1), message: error.description)
        }
        guard let yaml = String(data: data, encoding: .utf8) else {
            throw ScenarioFileError(
                location: SourceLocation(file: path, line: 1), message: "cannot read the file: it is not UTF-8")
        }
        return try load(yaml: yaml, file: path)
    }

    /// The scenario in `yaml`; `file` is the name messages and reports use.
    public func load(yaml: String, file: String) throws(ScenarioFileError) -> Scenario {
        let root = try YAMLDocument.root(of: yaml, file: file)
        var reader = ScenarioReader(file: file, knownOperation: knownOperation)
        return try reader.read(root)
    }

    /// Every scenario the paths name: a file as it is, a directory as all the `.yaml` and `.yml` files under it
    /// (recursively, sorted by path, so runs and reports come in the same order everywhere). A directory without
    /// any is an error: a run that silently checks nothing would pass.
    public func loadAll(paths: [String]) throws(ScenarioFileError) -> [Scenario] {
        var scenarios: [Scenario] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScenarioFileError(
                    location: SourceLocation(file: path, line: 1), message: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                scenarios.append(try load(file: path))
                continue
            }
            let files = Self.scenarioFiles(in: path)
            guard !files.isEmpty else {
                throw ScenarioFileError(
                    location: SourceLocation(file: path, line: 1), message: "no .yaml or .yml scenario files here")
            }
            for file in files { scenarios.append(try load(file: file)) }
        }
        return scenarios
    }

    /// The scenario files under `directory`, as paths that start with `directory`.
    private static func scenarioFiles(in directory: String) -> [String] {
        let relative = FileManager.default.subpaths(atPath: directory) ?? []
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return relative.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { base + $0 }
    }
}
