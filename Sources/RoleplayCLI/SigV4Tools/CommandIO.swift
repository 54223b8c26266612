import ArgumentParser
import Foundation

/// What a command produced: the bytes for standard output, the text for standard error, the exit code.
///
/// `sign`, `verify` and `vectors` build one of these from their inputs instead of writing as they go, so
/// tests can run a parsed command in-process and look at its output without a subprocess.
struct CommandOutput: Sendable {
    var stdout: [UInt8] = []
    var stderr: String = ""
    var exitCode: Int32 = 0

    /// Standard output as text (invalid UTF-8 replaced).
    var text: String { String(decoding: stdout, as: UTF8.self) }

    /// Appends a line to standard output.
    mutating func line(_ text: String = "") { stdout += Array(text.utf8) + [0x0A] }

    /// Appends a line to standard error.
    mutating func note(_ text: String) { stderr += text + "\n" }

    /// Writes standard error first (explanations and warnings), then standard output, then exits through
    /// `ExitCode` when the code is not zero.
    func emit() throws {
        if !stderr.isEmpty { FileHandle.standardError.write(Data(stderr.utf8)) }
        if !stdout.isEmpty { FileHandle.standardOutput.write(Data(stdout)) }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}

/// A failure the user can fix (unreadable file, malformed request, missing credentials), reported as
/// `Error: <description>` with exit code 1, never as a crash.
struct CLIError: Error, CustomStringConvertible, Sendable {
    let description: String

    init(_ description: String) { self.description = description }
}

/// Where a command reads its request: a file, or standard input for `-` or no argument.
enum InputSource {
    /// Reads the whole input.
    ///
    /// - Parameter path: a file path, `-` or nil (standard input).
    /// - Throws: `CLIError` naming the file when it cannot be read.
    static func read(_ path: String?) throws -> [UInt8] {
        guard let path, path != "-" else {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        do {
            return Array(try Data(contentsOf: URL(filePath: path)))
        } catch {
            throw CLIError("cannot read \(path): \(error.localizedDescription)")
        }
    }
}

/// Writes values as pretty-printed JSON with sorted snake_case keys, for `--json`.
enum JSONOutput {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw CLIError("cannot encode JSON output: \(error)")
        }
    }
}
