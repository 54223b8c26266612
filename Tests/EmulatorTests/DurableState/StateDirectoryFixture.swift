import Foundation
import RoleplaySync
import Synchronization

@testable import Emulator

/// A fresh state directory under the temporary directory (not created: the emulator creates it), the warnings
/// emulators opened on it reported, and a way to open one as a test endpoint. Removed when the fixture goes.
final class StateDirectoryFixture: Sendable {
    let path: String
    private let reported = Locked<[String]>([])

    init() {
        path = FileManager.default.temporaryDirectory.appending(path: "roleplay-state-\(UUID().uuidString)").path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var journalPath: String { path + "/journal" }

    /// Every warning so far, oldest first.
    var warnings: [String] { reported.withLock { $0 } }

    /// An endpoint whose emulator keeps its state in the directory (a restart is a new endpoint).
    func endpoint(compactionBytes: Int = Emulator.defaultCompactionBytes) throws -> TestEndpoint {
        try TestEndpoint(make: {
            try Emulator(configuration: $0, stateDirectory: path, warn: warn, compactionBytes: compactionBytes)
        })
    }

    /// An emulator on the directory (for tests that need no endpoint).
    func emulator() throws -> Emulator { try Emulator(stateDirectory: path, warn: warn) }

    private var warn: @Sendable (String) -> Void { { [self] message in reported.withLock { $0.append(message) } } }

    /// The journal file's bytes.
    func journal() throws -> [UInt8] { Array(try Data(contentsOf: URL(filePath: journalPath))) }

    /// Replaces the journal file's bytes.
    func writeJournal(_ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(filePath: journalPath)) }

    /// The permission bits of a file in the directory (the directory itself for "").
    func permissions(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: name.isEmpty ? path : path + "/" + name)
        return (attributes[.posixPermissions] as? Int) ?? -1
    }
}
