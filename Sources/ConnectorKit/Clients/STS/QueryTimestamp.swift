internal import Foundation
internal import SigV4

/// Reads the timestamps STS and IAM send: ISO-8601 UTC, with fractional seconds (AWS's
/// `2025-01-15T13:00:00.123Z`) or without (the emulator's and STS's usual `2025-01-15T13:00:00Z`), as botocore
/// accepts both.
enum QueryTimestamp {
    static func parse(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        var whole = Substring(text.dropLast())
        var fraction = 0.0
        if let dot = whole.firstIndex(of: ".") {
            let digits = whole[whole.index(after: dot)...]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                let value = Double("0." + digits)
            else { return nil }
            fraction = value
            whole = whole[..<dot]
        }
        guard let seconds = AmzDate(iso8601: whole + "Z") else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds.secondsSince1970) + fraction)
    }
}
