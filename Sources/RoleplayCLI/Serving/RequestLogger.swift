import Emulator
import Foundation
import PolicyEngine

/// Writes `roleplay serve`'s log lines to standard error, one `write` per line so lines from concurrent
/// requests never interleave.
///
/// A request line: `2025-01-15T12:00:00Z 4a1c… sts AssumeRole arn:aws:iam::111111111111:user/x 403 deny AccessDenied`.
/// It names the caller by ARN and never prints a key, a secret, a token or a request body.
struct RequestLogger: Sendable {
    let level: LogLevel

    func log(_ record: RequestLogRecord, decisions: DecisionLog) {
        var line = "\(Date().formatted(.iso8601)) \(record.requestID) \(record.service) \(record.operation) "
            + "\(record.caller) \(record.status) \(record.decision)"
        if let code = record.errorCode { line += " " + code }
        write(line)
        if level >= .debug, record.decision == "deny", let entries = decisions.entries(requestID: record.requestID) {
            for entry in entries where entry.decision != .allowed {
                let evaluation = Authorizer.evaluate(entry.request, entry.policies)
                let lines = entry.note.map { ["denied: \($0)"] } ?? ExplanationRenderer.summary(evaluation)
                for reason in lines { write("  \(record.requestID) \(reason)") }
            }
        }
    }

    /// A server note (start, stop), at warn level and above.
    func note(_ text: String) {
        if level >= .warn { write("roleplay: \(text)") }
    }

    /// A warning written whatever the level: quieting the log must not hide that the server is exposed.
    func alert(_ text: String) { write("roleplay: warning: \(text)") }

    private func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
