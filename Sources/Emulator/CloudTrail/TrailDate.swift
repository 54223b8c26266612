import SigV4

/// Date forms CloudTrail records use besides ISO 8601.
enum TrailDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Jan 15, 2025, 1:00:00 PM` (UTC): how records show credential expirations (spec §8.2), unlike the ISO
    /// 8601 times everywhere else.
    static func englishMedium(_ seconds: Int64) -> String {
        // yyyy-mm-ddThh:mm:ssZ
        let iso = Array(AmzDate(secondsSince1970: seconds).iso8601().utf8)
        func number(_ range: Range<Int>) -> Int { Int(String(decoding: iso[range], as: UTF8.self)) ?? 0 }
        let (year, month, day, hour) = (
            number(0..<(iso.count - 16)), number((iso.count - 15)..<(iso.count - 13)),
            number((iso.count - 12)..<(iso.count - 10)), number((iso.count - 9)..<(iso.count - 7))
        )
        let minutes = String(decoding: iso[(iso.count - 6)..<(iso.count - 1)], as: UTF8.self)
        let hour12 = hour % 12 == 0 ? 12 : hour % 12
        return "\(months[max(0, min(11, month - 1))]) \(day), \(year), \(hour12):\(minutes) \(hour < 12 ? "AM" : "PM")"
    }
}
