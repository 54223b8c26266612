public import Foundation

/// A signing timestamp at one-second resolution, in UTC, as SigV4 writes it: `20150830T123600Z`.
///
/// SigV4 never reads a clock: callers pass the time in. Conversion to and from the basic ISO-8601 text
/// is done by hand (civil-from-days), because `DateFormatter` costs microseconds and allocates.
public struct AmzDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// The second containing `date` (fractions are dropped, as SDKs do when they sign).
    public init(_ date: Date) { secondsSince1970 = Int64(date.timeIntervalSince1970.rounded(.down)) }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    /// Parses `yyyymmddThhmmssZ` exactly (the `X-Amz-Date` form); nil for anything else.
    public init?(amzFormat text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 16, u[8] == UInt8(ascii: "T"), u[15] == UInt8(ascii: "Z"),
            let value = Self.seconds(u, at: (0, 4, 6, 9, 11, 13))
        else { return nil }
        secondsSince1970 = value
    }

    /// Parses ISO-8601 extended UTC (`2015-08-30T12:36:00Z`), as the published suites' `context.json` writes it.
    public init?(iso8601 text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 20, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T"),
            u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), u[19] == UInt8(ascii: "Z"),
            let value = Self.seconds(u, at: (0, 5, 8, 11, 14, 17))
        else { return nil }
        secondsSince1970 = value
    }

    /// Reads year (4 digits) then month, day, hour, minute, second (2 digits each) at the given offsets.
    static func seconds(_ u: [UInt8], at o: (Int, Int, Int, Int, Int, Int)) -> Int64? {
        guard let y = number(u[o.0..<o.0 + 4]), let mo = number(u[o.1..<o.1 + 2]), let d = number(u[o.2..<o.2 + 2]),
            let h = number(u[o.3..<o.3 + 2]), let mi = number(u[o.4..<o.4 + 2]), let s = number(u[o.5..<o.5 + 2])
        else { return nil }
        return seconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    /// Parses the HTTP `Date` header: RFC 7231 IMF-fixdate (`Sun, 30 Aug 2015 12:36:00 GMT`) or the RFC 2822
    /// form with a zero offset that botocore writes (`… 12:36:00 -0000`).
    public init?(httpDate text: some StringProtocol) {
        let parts = text.split(separator: " ")
        guard parts.count == 6, ["GMT", "UTC", "-0000", "+0000"].contains(parts[5]), parts[0].hasSuffix(",")
        else { return nil }
        guard let d = Int(parts[1]), let mIndex = Self.months.firstIndex(of: String(parts[2])), let y = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let h = Int(clock[0]), let mi = Int(clock[1]), let s = Int(clock[2]) else { return nil }
        guard let value = Self.seconds(year: y, month: mIndex + 1, day: d, hour: h, minute: mi, second: s)
        else { return nil }
        secondsSince1970 = value
    }

    /// Days since the epoch (floor) and the second of that day, safe for every Int64.
    var dayAndSecond: (Int64, Int) {
        let s = secondsSince1970
        let days = s >= 0 ? s / 86_400 : -((-(s + 1)) / 86_400) - 1
        return (days, Int(s &- days &* 86_400))
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday

    /// The `Date` header form a signer writes: RFC 2822 with `-0000`, byte for byte what botocore writes
    /// (`email.utils.formatdate`), so signatures over a `Date` header match botocore's. AWS accepts it.
    public var httpDate: String {
        let (days, secs) = dayAndSecond
        let (y, m, d) = Self.civil(fromDays: days)
        let weekday = Self.weekdays[Int(((days % 7) + 7) % 7)]
        var out = Array("\(weekday), ".utf8)
        Self.append(d, width: 2, to: &out)
        out += Array(" \(Self.months[m - 1]) ".utf8)
        Self.append(y, width: 4, to: &out)
        out.append(0x20)
        Self.append(secs / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        Self.append(secs / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        Self.append(secs % 60, width: 2, to: &out)
        out += Array(" -0000".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// `yyyymmddThhmmssZ`.
    public var amzFormat: String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            var i = 0
            writeAmz { byte in
                buffer[i] = byte
                i += 1
            }
            return 16
        }
    }

    /// `yyyy-mm-ddThh:mm:ssZ`, or with `.mmm` when `milliseconds` is given: the ISO 8601 form (always `Z`,
    /// never `+00:00`) that query XML and rest-json responses use for timestamps (aws-wire-facts §3.1, §3.3).
    public func iso8601(milliseconds: Int? = nil) -> String {
        let (days, secs) = dayAndSecond
        let (y, m, d) = Self.civil(fromDays: days)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        Self.append(y, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        Self.append(m, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        Self.append(d, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        Self.append(secs / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        Self.append(secs / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        Self.append(secs % 60, width: 2, to: &out)
        if let milliseconds {
            out.append(UInt8(ascii: "."))
            Self.append(milliseconds, width: 3, to: &out)
        }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `yyyymmdd`, the credential-scope date (a small string: no heap allocation).
    public var dateStamp: String {
        String(unsafeUninitializedCapacity: 8) { buffer in
            var i = 0
            writeAmz { byte in
                if i < 8 { buffer[i] = byte }
                i += 1
            }
            return 8
        }
    }

    public var description: String { amzFormat }

    /// Writes the 16 ASCII bytes of `amzFormat` straight into a string to sign.
    func write(to w: inout ByteWriter) {
        let p = w.reserve(16)
        var i = 0
        writeAmz { byte in
            p[i] = byte
            i += 1
        }
    }

    /// Produces the 16 bytes of `yyyymmddThhmmssZ` one by one, without building an intermediate value.
    @inline(__always)
    func writeAmz(_ emit: (UInt8) -> Void) {
        let (days, secs) = dayAndSecond
        let (y, m, d) = Self.civil(fromDays: days)
        Self.digits(y, width: 4, emit)
        Self.digits(m, width: 2, emit)
        Self.digits(d, width: 2, emit)
        emit(UInt8(ascii: "T"))
        Self.digits(secs / 3600, width: 2, emit)
        Self.digits(secs / 60 % 60, width: 2, emit)
        Self.digits(secs % 60, width: 2, emit)
        emit(UInt8(ascii: "Z"))
    }

    /// The date `seconds` later (or earlier), saturating instead of trapping at the ends of Int64.
    public func adding(seconds: Int64) -> AmzDate {
        let (sum, overflow) = secondsSince1970.addingReportingOverflow(seconds)
        return AmzDate(secondsSince1970: overflow ? (seconds > 0 ? .max : .min) : sum)
    }

    public static func < (lhs: AmzDate, rhs: AmzDate) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    // MARK: Calendar arithmetic (proleptic Gregorian, Howard Hinnant's days_from_civil / civil_from_days)

    static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64? {
        // Four-digit years only: the wire forms cannot write others, and bounding them keeps the arithmetic
        // below (and every later `adding`) far from overflow whatever a client sends.
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second), day <= daysIn(month: month, year: year)
        else { return nil }
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for c in digits {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(c - UInt8(ascii: "0"))
        }
        return value
    }

    static func append(_ value: Int, width: Int, to out: inout [UInt8]) { digits(value, width: width) { out.append($0) } }

    @inline(__always)
    static func digits(_ value: Int, width: Int, _ emit: (UInt8) -> Void) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            emit(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: (v / divisor % 10).magnitude))
            v %= divisor
            divisor /= 10
        }
    }
}
