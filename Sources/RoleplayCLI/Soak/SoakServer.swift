import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `roleplay serve` as a child process of the soak: the same executable, started with `--port 0`.
///
/// A child rather than an in-process server, so that RSS is the server's alone, a crash is seen as a crash (the
/// soak survives to report it), and `kill -9` is a real SIGKILL of a real process. Standard error goes to a file
/// the soak reads afterwards (journal warnings on restart); the first line of standard output gives the port.
final class SoakServer {
    let process = Process()
    let port: UInt16
    let errorLog: URL

    /// Starts `roleplay serve --port 0 <arguments>` and waits (at most 30 s) for its `listening on` line.
    /// - Throws: `SoakFailure` when it cannot start or does not announce a port.
    init(_ arguments: [String], errorLog: URL) throws {
        self.errorLog = errorLog
        let output = Pipe()
        FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.executableURL = try Self.executable()
        process.arguments = ["serve", "--port", "0"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
        let line = Self.firstLine(output.fileHandleForReading, within: 30)
        let prefix = "listening on http://127.0.0.1:"
        guard let line, line.hasPrefix(prefix), let port = UInt16(line.dropFirst(prefix.count)), port != 0 else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let errors = (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
            throw SoakFailure("roleplay serve did not start: stdout \(line ?? "<none>"), stderr \(errors.prefix(500))")
        }
        self.port = port
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// The resident set size from `/proc/PID/status` (`VmRSS`), in KiB; nil once the process is gone.
    var residentKiB: Int? {
        Self.residentKiB(status: try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8))
    }

    /// `VmRSS` of a `/proc/PID/status` text, in KiB.
    static func residentKiB(status: String?) -> Int? {
        guard let status else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// How the child ended, waiting at most `seconds`: `.exited(status)`, `.signalled(number)`, or nil when it is
    /// still running at the deadline (it is then killed).
    func waitForExit(within seconds: Double) -> Termination? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationReason == .exit
            ? .exited(process.terminationStatus) : .signalled(process.terminationStatus)
    }

    enum Termination: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let number): "signal \(number)"
            }
        }
    }

    /// What the child wrote on standard error so far.
    var errorText: String { (try? String(contentsOf: errorLog, encoding: .utf8)) ?? "" }

    /// This executable (`/proc/self/exe`), which is `roleplay` itself.
    static func executable() throws -> URL {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        return URL(filePath: path)
    }

    private static func firstLine(_ handle: FileHandle, within seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Date() < deadline {
            var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            guard read(handle.fileDescriptor, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}
