/// Formats instants the way each protocol writes them, from a caller-supplied time (this module reads no clock).
///
/// XML (query) and rest-json ISO 8601 members use `2025-01-15T13:00:00Z` (Z only, never `+00:00`, spec §3.1,
/// §3.3); skew messages use SigV4's `20250115T130000Z` (§2.3); JSON 1.1 uses epoch seconds as a number
/// (§3.2, see ``JSONValue/double(_:)``). Proleptic Gregorian, UTC, via days-from-civil arithmetic.
public enum AWSTimestamp {
    /// `yyyy-MM-ddTHH:mm:ssZ`, or with `.SSSZ` milliseconds when `milliseconds` is non-nil.
    public static func iso8601(epochSeconds: Int64, milliseconds: Int? = nil) -> String {
        let (date, time) = parts(epochSeconds)
        var text =
            "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T"
            + "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
        if let milliseconds { text += "." + pad(milliseconds, 3) }
        return text + "Z"
    }

    /// `yyyyMMddTHHmmssZ`, the SigV4 `X-Amz-Date` form used in skew messages.
    public static func amzDate(epochSeconds: Int64) -> String {
        let (date, time) = parts(epochSeconds)
        return "\(pad(date.year, 4))\(pad(date.month, 2))\(pad(date.day, 2))T"
            + "\(pad(time.hour, 2))\(pad(time.minute, 2))\(pad(time.second, 2))Z"
    }

    private static func parts(_ epochSeconds: Int64) -> (
        date: (year: Int64, month: Int64, day: Int64), time: (hour: Int64, minute: Int64, second: Int64)
    ) {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondsOfDay = epochSeconds - days * 86_400
        // civil_from_days (H. Hinnant): days since 1970-01-01 → (y, m, d).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return ((year, month, day), (secondsOfDay / 3600, secondsOfDay % 3600 / 60, secondsOfDay % 60))
    }

    private static func pad(_ value: some BinaryInteger, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
