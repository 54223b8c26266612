/// The differences between a recorded and a replayed response: status, then error code, then (only when the
/// statuses agree, as an error body and a result have nothing in common) the normalised bodies field by field.
enum ResponseComparison {
    static func differences(
        exchange: Int, label: String, recorded: RecordedResponse, replayed: RecordedResponse
    ) -> [Difference] {
        func line(_ path: String, _ a: String, _ b: String) -> Difference {
            Difference(exchange: exchange, label: label, path: path, recorded: a, replayed: b)
        }
        var lines: [Difference] = []
        if recorded.status != replayed.status {
            lines.append(line("status", String(recorded.status), String(replayed.status)))
        }
        if recorded.error != replayed.error {
            lines.append(line("error", recorded.error.map { "\"\($0)\"" } ?? "none", replayed.error.map { "\"\($0)\"" } ?? "none"))
        }
        guard recorded.status == replayed.status else { return lines }
        let changes = TreeDiff.changes(
            recorded: recorded.body.map(Normaliser.normalised), replayed: replayed.body.map(Normaliser.normalised))
        return lines + changes.map { line($0.path, $0.recorded, $0.replayed) }
    }
}
