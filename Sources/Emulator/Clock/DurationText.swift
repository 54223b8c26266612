/// Spans of virtual time as the command line writes them (`--role-last-used-lag`, `--cloudtrail-lag`): `0`,
/// whole seconds (`90` or `90s`), minutes (`5m`), hours (`4h`) or days (`2d`).
public enum DurationText {
    /// The seconds `text` stands for; nil when it is not such a duration or exceeds `limit` seconds (so later
    /// arithmetic on virtual time cannot overflow).
    public static func seconds(_ text: some StringProtocol, limit: Int64) -> Int64? {
        guard let last = text.last, text.utf8.count <= 24 else { return nil }
        let scale: Int64
        var digits = Substring(text)
        switch last {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        default: scale = 1
        }
        if scale != 1 || last == "s" { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(digits) else {
            return nil
        }
        let (total, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow, total <= limit else { return nil }
        return total
    }
}
