/// Reads the date forms IAM accepts in `Date*` conditions, as seconds since the Unix epoch.
///
/// IAM takes ISO 8601 in several spellings (`2019-07-01T13:20:15Z`, `2016-12-13t2:00:00.59+23`,
/// a bare year `2017`, even `01T`) or whole epoch seconds, and refuses a document whose date
/// values its legacy parser cannot read ("The policy failed legacy parsing"). The bounds below
/// (year range, field ranges, at most nine fraction digits, two-digit zone hours, epoch within a
/// signed 64-bit integer) are the ones IAM's responses show; Foundation's ISO 8601 parser accepts
/// a different set, so this is written by hand.
package enum DateValue {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when IAM would not read the value as a date.
    package static func parse(_ text: String) -> Double? {
        var utf8 = Array(text.utf8)
        for index in utf8.indices where utf8[index] >= UInt8(ascii: "A") && utf8[index] <= UInt8(ascii: "Z") {
            utf8[index] += 32
        }
        if utf8.contains(UInt8(ascii: "t")) || utf8.contains(UInt8(ascii: "-")) {
            return parseISO(utf8[...])
        }
        guard let seconds = integer(utf8[...]), seconds >= 0 else { return nil }
        return Double(seconds)
    }

    private static func parseISO(_ text: ArraySlice<UInt8>) -> Double? {
        let tIndex = text.firstIndex(of: UInt8(ascii: "t"))
        var datePart = text[..<(tIndex ?? text.endIndex)]
        let timePart = tIndex.map { text[text.index(after: $0)...] } ?? text[text.endIndex...]
        var negativeYear = false
        if datePart.first == UInt8(ascii: "-") {
            negativeYear = true
            datePart = datePart.dropFirst()
        }
        let dateFields = datePart.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard dateFields.count < 4, var year = integer(dateFields[0]) else { return nil }
        if negativeYear { year = -year }
        guard (-292_275_054...292_278_993).contains(year) else { return nil }
        var month = 1
        var day = 1
        if dateFields.count > 1 {
            guard let value = integer(dateFields[1]), (1...12).contains(value) else { return nil }
            month = value
        }
        if dateFields.count > 2 {
            guard let value = integer(dateFields[2]), (1...31).contains(value) else { return nil }
            day = value
        }
        guard let timeOfDay = parseTime(timePart) else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) * 86_400 + timeOfDay
    }

    /// Seconds into the day, corrected to UTC; nil when a field is out of range.
    private static func parseTime(_ text: ArraySlice<UInt8>) -> Double? {
        let fields = text.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
        var seconds = 0.0
        if let hoursField = fields.first, !hoursField.isEmpty {
            guard let hours = integer(hoursField), (0...23).contains(hours) else { return nil }
            seconds += Double(hours) * 3_600
        }
        if fields.count > 1 {
            guard let minutes = integer(fields[1]), (0...59).contains(minutes) else { return nil }
            seconds += Double(minutes) * 60
        }
        guard fields.count > 2 else { return seconds }
        var rest = fields[2]
        var offset = 0.0
        if let z = rest.firstIndex(of: UInt8(ascii: "z")) {
            guard rest.index(after: z) == rest.endIndex else { return nil }
            rest = rest[..<z]
        } else if let sign = rest.firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
            let zone = rest[rest.index(after: sign)...]
            let zoneFields = zone.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard zoneFields.count <= 2, zoneFields[0].count == 2, let zoneHours = integer(zoneFields[0]),
                (0...23).contains(zoneHours)
            else { return nil }
            var zoneSeconds = Double(zoneHours) * 3_600
            if zoneFields.count == 2 {
                guard zoneFields[1].count == 2, let zoneMinutes = integer(zoneFields[1]), (0...59).contains(zoneMinutes)
                else { return nil }
                zoneSeconds += Double(zoneMinutes) * 60
            }
            offset = rest[sign] == UInt8(ascii: "+") ? -zoneSeconds : zoneSeconds
            rest = rest[..<sign]
        }
        let secondFields = rest.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = integer(secondFields[0]), (0...59).contains(whole) else { return nil }
        seconds += Double(whole)
        if secondFields.count == 2 {
            let fraction = secondFields[1]
            guard fraction.count <= 9, let value = integer(fraction) else { return nil }
            seconds += Double(value) / pow10(fraction.count)
        }
        return seconds + offset
    }

    /// A run of ASCII digits (no sign) that fits in Int64; nil otherwise.
    private static func integer(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
