import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The built `roleplay` binary running `serve` as a child process, with its standard output and error on pipes.
///
/// Every wait has a deadline (a pipe read polls, an exit wait polls), so a child that hangs fails its test
/// instead of hanging the run; a child still running when this is released is killed.
final class ServeProcess {
    let process = Process()
    let output: PipeReader
    let errors: PipeReader

    /// Starts `roleplay <arguments>`, with `environment` added to the test runner's.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        output = PipeReader(outputPipe)
        errors = PipeReader(errorPipe)
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Starts `roleplay serve --port 0 --log-level LEVEL` (and `extra` options) and reads the port from its
    /// first line, which must announce `host`.
    static func serving(
        _ extra: [String] = [], logLevel: String = "info", host: String = "127.0.0.1",
        environment: [String: String] = [:]
    ) throws -> (ServeProcess, port: UInt16) {
        let child = try ServeProcess(
            ["serve", "--port", "0", "--log-level", logLevel] + extra, environment: environment)
        let line = try child.output.readLine(within: .seconds(20))
        guard let line, let port = listeningPort(line, host: host) else {
            let stderr = (try? child.errors.readToEnd(within: .seconds(2))) ?? ""
            throw FixtureError(
                "roleplay serve did not announce a port; stdout: \(line ?? "<closed>"), stderr: \(stderr)")
        }
        return (child, port)
    }

    /// The port of a line that is exactly `listening on http://HOST:PORT`, with a non-zero PORT.
    static func listeningPort(_ line: String, host: String = "127.0.0.1") -> UInt16? {
        let prefix = "listening on http://\(host):"
        guard line.hasPrefix(prefix), let port = UInt16(line.dropFirst(prefix.count)), port != 0 else { return nil }
        return port
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the child to exit and returns its exit status; kills it and throws if it is still running at the
    /// deadline, or if a signal ended it.
    func exitStatus(within limit: Duration) throws -> Int32 {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw FixtureError("roleplay did not exit within \(limit)")
        }
        guard process.terminationReason == .exit else {
            throw FixtureError("roleplay was killed by signal \(process.terminationStatus)")
        }
        return process.terminationStatus
    }

    /// The `roleplay` binary: `$ROLEPLAY_BINARY`, else the one SwiftPM built next to this test runner.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["ROLEPLAY_BINARY"] { return URL(filePath: path) }
        let runner = try unwrap(Bundle.main.executableURL, "the test runner's path")
        let binary = runner.deletingLastPathComponent().appending(path: "roleplay")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw FixtureError("no roleplay binary at \(binary.path): build it (swift build --product roleplay)")
        }
        return binary
    }
}

/// Reads a child's pipe line by line, waiting at most a given time for each line (poll(2) on the descriptor).
final class PipeReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var atEnd = false

    init(_ pipe: Pipe) { handle = pipe.fileHandleForReading }

    /// The next line without its newline, or nil once the pipe is closed and drained.
    func readLine(within limit: Duration) throws -> String? {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                defer { buffer.removeSubrange(...end) }
                return String(decoding: buffer[..<end], as: UTF8.self)
            }
            if atEnd {
                defer { buffer.removeAll() }
                return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self)
            }
            try fill(before: deadline)
        }
    }

    /// Lines until one satisfies `match` (returned last), or throws at the deadline or the end of the pipe.
    func lines(until match: (String) -> Bool, within limit: Duration) throws -> [String] {
        let deadline = ContinuousClock.now.advanced(by: limit)
        var lines: [String] = []
        while true {
            guard let line = try readLine(within: ContinuousClock.now.duration(to: deadline)) else {
                throw FixtureError("the pipe closed before the expected line; read: \(lines)")
            }
            lines.append(line)
            if match(line) { return lines }
        }
    }

    /// Everything left, up to the end of the pipe (the child has exited or closed it).
    func readToEnd(within limit: Duration) throws -> String {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while !atEnd { try fill(before: deadline) }
        defer { buffer.removeAll() }
        return String(decoding: buffer, as: UTF8.self)
    }

    private func fill(before deadline: ContinuousClock.Instant) throws {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { throw FixtureError("timed out reading the child's output") }
        let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
        var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(clamping: max(milliseconds, 1))) > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            buffer += chunk[..<count]
        } else if count == 0 || errno != EINTR {
            atEnd = true
        }
    }
}
