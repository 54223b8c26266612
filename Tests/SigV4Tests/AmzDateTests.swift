import TestSupport
import Foundation
import SigV4
import Testing

/// One instant in the three text forms SigV4 meets, with its Unix time.
struct KnownInstant: Sendable, CustomTestStringConvertible {
    let amz: String
    let iso: String
    /// What `httpDate` writes (RFC 2822 with `-0000`, as botocore does).
    let http: String
    let seconds: Int64
    var testDescription: String { amz }
}

/// Text a parser must refuse, and why.
struct BadDate: Sendable, CustomTestStringConvertible {
    let text: String
    let reason: String
    var testDescription: String { "\(reason): \"\(text)\"" }
}

@Suite("AmzDate")
struct AmzDateTests {
    static let known: [KnownInstant] = [
        KnownInstant(
            amz: "19700101T000000Z", iso: "1970-01-01T00:00:00Z", http: "Thu, 01 Jan 1970 00:00:00 -0000", seconds: 0),
        KnownInstant(
            amz: "20150830T123600Z", iso: "2015-08-30T12:36:00Z", http: "Sun, 30 Aug 2015 12:36:00 -0000",
            seconds: 1_440_938_160),
        KnownInstant(
            amz: "20250115T120000Z", iso: "2025-01-15T12:00:00Z", http: "Wed, 15 Jan 2025 12:00:00 -0000",
            seconds: 1_736_942_400),
        KnownInstant(
            amz: "20000229T000000Z", iso: "2000-02-29T00:00:00Z", http: "Tue, 29 Feb 2000 00:00:00 -0000",
            seconds: 951_782_400),
        KnownInstant(
            amz: "20240229T235959Z", iso: "2024-02-29T23:59:59Z", http: "Thu, 29 Feb 2024 23:59:59 -0000",
            seconds: 1_709_251_199),
        KnownInstant(
            amz: "19000301T000000Z", iso: "1900-03-01T00:00:00Z", http: "Thu, 01 Mar 1900 00:00:00 -0000",
            seconds: -2_203_891_200),
        KnownInstant(
            amz: "19691231T235959Z", iso: "1969-12-31T23:59:59Z", http: "Wed, 31 Dec 1969 23:59:59 -0000", seconds: -1),
        KnownInstant(
            amz: "99991231T235959Z", iso: "9999-12-31T23:59:59Z", http: "Fri, 31 Dec 9999 23:59:59 -0000",
            seconds: 253_402_300_799),
        KnownInstant(
            amz: "00000101T000000Z", iso: "0000-01-01T00:00:00Z", http: "Sat, 01 Jan 0000 00:00:00 -0000",
            seconds: -62_167_219_200),
    ]

    @Test("parses and writes each form of a known instant", arguments: known)
    func knownInstants(_ k: KnownInstant) throws {
        let date = AmzDate(secondsSince1970: k.seconds)
        #expect(AmzDate(amzFormat: k.amz) == date)
        #expect(AmzDate(iso8601: k.iso) == date)
        #expect(AmzDate(httpDate: k.http) == date)
        #expect(AmzDate(httpDate: k.http.replacingOccurrences(of: "-0000", with: "GMT")) == date)
        #expect(date.amzFormat == k.amz)
        #expect(date.description == k.amz)
        #expect(date.dateStamp == String(k.amz.prefix(8)))
        #expect(date.httpDate == k.http)
    }

    @Test("the RFC 7231 IMF-fixdate forms are read", arguments: ["GMT", "UTC", "+0000", "-0000"])
    func httpDateZones(_ zone: String) {
        #expect(AmzDate(httpDate: "Sun, 30 Aug 2015 12:36:00 \(zone)") == AmzDate(secondsSince1970: 1_440_938_160))
    }

    @Test("converts from and to Foundation's Date, dropping fractions of a second")
    func foundationDate() {
        let date = Date(timeIntervalSince1970: 1_440_938_160.75)
        #expect(AmzDate(date) == AmzDate(secondsSince1970: 1_440_938_160))
        #expect(AmzDate(date).date == Date(timeIntervalSince1970: 1_440_938_160))
        #expect(AmzDate(Date(timeIntervalSince1970: -0.5)) == AmzDate(secondsSince1970: -1))
    }

    @Test("leap years follow the Gregorian rule: every 4th year, not every 100th, but every 400th")
    func leapYears() {
        for year in [1600, 1904, 1996, 2000, 2004, 2024, 2400] {
            #expect(AmzDate(amzFormat: "\(year)0229T000000Z") != nil, "\(year) is a leap year")
        }
        for year in [1700, 1800, 1900, 2001, 2023, 2100, 2200, 2300] {
            #expect(AmzDate(amzFormat: "\(year)0229T000000Z") == nil, "\(year) is not a leap year")
            #expect(AmzDate(iso8601: "\(year)-02-29T00:00:00Z") == nil)
            #expect(AmzDate(httpDate: "Mon, 29 Feb \(year) 00:00:00 GMT") == nil)
        }
    }

    @Test("random instants from year 0000 to 9999 round-trip through all three forms")
    func roundTrips() throws {
        var rng = SplitMix64(seed: 0x414D_5A44)
        for _ in 0..<3000 {
            let seconds = Int64.random(in: -62_167_219_200...253_402_300_799, using: &rng)
            let date = AmzDate(secondsSince1970: seconds)
            #expect(AmzDate(amzFormat: date.amzFormat) == date, "\(seconds)")
            #expect(AmzDate(httpDate: date.httpDate) == date, "\(seconds)")
            let a = Array(date.amzFormat)
            let iso =
                "\(String(a[0..<4]))-\(String(a[4..<6]))-\(String(a[6..<8]))T\(String(a[9..<11])):"
                + "\(String(a[11..<13])):\(String(a[13..<15]))Z"
            #expect(AmzDate(iso8601: iso) == date, "\(seconds)")
            #expect(date.adding(seconds: 1) > date)
            #expect(date.adding(seconds: 86_400).adding(seconds: -86_400) == date)
        }
    }

    @Test(
        "X-Amz-Date text that is not yyyymmddThhmmssZ, or not a real instant, is refused",
        arguments: [
            BadDate(text: "20251301T000000Z", reason: "month 13"),
            BadDate(text: "20250001T000000Z", reason: "month 0"),
            BadDate(text: "20250100T000000Z", reason: "day 0"),
            BadDate(text: "20250132T000000Z", reason: "day 32"),
            BadDate(text: "20250230T000000Z", reason: "February 30"),
            BadDate(text: "20230229T000000Z", reason: "February 29 in a common year"),
            BadDate(text: "20250431T000000Z", reason: "April 31"),
            BadDate(text: "20250115T240000Z", reason: "hour 24"),
            BadDate(text: "20250115T126000Z", reason: "minute 60"),
            BadDate(text: "20250115T120061Z", reason: "second 61"),
            BadDate(text: "2025011T120000Z", reason: "15 characters"),
            BadDate(text: "20250115T1200000Z", reason: "17 characters"),
            BadDate(text: "20250115T120000", reason: "no Z"),
            BadDate(text: "20250115T120000z", reason: "lowercase z"),
            BadDate(text: "20250115t120000Z", reason: "lowercase t"),
            BadDate(text: "20250115 120000Z", reason: "space for T"),
            BadDate(text: "2025-01-15T12:00:00Z", reason: "extended ISO-8601"),
            BadDate(text: "+0250115T120000Z", reason: "sign"),
            BadDate(text: "2025011aT120000Z", reason: "letter"),
            BadDate(text: "２０２５0115T120000Z", reason: "fullwidth digits"),
            BadDate(text: "", reason: "empty"),
        ])
    func badAmzDate(_ bad: BadDate) {
        #expect(AmzDate(amzFormat: bad.text) == nil)
    }

    @Test(
        "ISO-8601 extended text that is not exactly yyyy-mm-ddThh:mm:ssZ is refused",
        arguments: [
            BadDate(text: "2015-13-30T12:36:00Z", reason: "month 13"),
            BadDate(text: "2015-02-30T12:36:00Z", reason: "February 30"),
            BadDate(text: "2015-08-30 12:36:00Z", reason: "space for T"),
            BadDate(text: "2015-08-30T12:36:00", reason: "no Z"),
            BadDate(text: "2015-08-30T12:36:00.000Z", reason: "fractional seconds"),
            BadDate(text: "2015-08-30T12:36:00+00:00", reason: "numeric offset"),
            BadDate(text: "20150830T123600Z", reason: "basic format"),
        ])
    func badISODate(_ bad: BadDate) {
        #expect(AmzDate(iso8601: bad.text) == nil)
    }

    @Test(
        "HTTP dates that are not RFC 1123 / RFC 2822 with a zero offset are refused",
        arguments: [
            BadDate(text: "Sun, 30 Aug 2015 12:36:00", reason: "no zone"),
            BadDate(text: "Sun 30 Aug 2015 12:36:00 GMT", reason: "no comma after the weekday"),
            BadDate(text: "Sun, 30 Foo 2015 12:36:00 GMT", reason: "unknown month"),
            BadDate(text: "Sun, 30 aug 2015 12:36:00 GMT", reason: "lowercase month"),
            BadDate(text: "Sun, 31 Sep 2015 12:36:00 GMT", reason: "September 31"),
            BadDate(text: "Sun, 29 Feb 2015 12:36:00 GMT", reason: "February 29 in a common year"),
            BadDate(text: "Sun, 30 Aug 2015 24:00:00 GMT", reason: "hour 24"),
            BadDate(text: "Sun, 30 Aug 2015 12:36 GMT", reason: "no seconds"),
            BadDate(text: "Sun, 30 Aug 2015 12:36:00 +0100", reason: "non-zero offset"),
            BadDate(text: "Sunday, 30-Aug-15 12:36:00 GMT", reason: "RFC 850 form"),
            BadDate(text: "Sun Aug 30 12:36:00 2015", reason: "asctime form"),
            BadDate(text: "20150830T123600Z", reason: "X-Amz-Date form"),
            BadDate(text: "", reason: "empty"),
        ])
    func badHTTPDate(_ bad: BadDate) {
        #expect(AmzDate(httpDate: bad.text) == nil)
    }

    /// A year outside 0000–9999 has no `yyyymmdd` form, so a `Date` header carrying one must be refused. Checked
    /// in a child process: the library traps on some of these (see the report), and a trap must fail this
    /// test, not end the whole run.
    @Test(
        "an HTTP date whose year is not four digits is refused, without trapping",
        arguments: [
            BadDate(text: "Thu, 01 Jan -1 00:00:00 GMT", reason: "negative year"),
            BadDate(text: "Wed, 15 Jan 12025 12:00:00 GMT", reason: "five-digit year"),
            BadDate(text: "Thu, 01 Jan 300000000000 00:00:00 GMT", reason: "year whose seconds overflow Int64"),
        ])
    func httpDateYearOutOfRange(_ bad: BadDate) async {
        await #expect(processExitsWith: .success, "\(bad)") { [text = bad.text as String] in
            let parsed = AmzDate(httpDate: text)
            if let parsed { print("parsed as \(parsed.amzFormat)") }  // formatting is where a negative year traps
            exit(parsed == nil ? 0 : 1)
        }
    }

    @Test(
        "written as ISO 8601 with Z and as the SigV4 basic form",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00Z", "19700101T000000Z"),
            (1_736_942_400, "2025-01-15T12:00:00Z", "20250115T120000Z"),
            (951_782_400, "2000-02-29T00:00:00Z", "20000229T000000Z"),
            (4_102_444_799, "2099-12-31T23:59:59Z", "20991231T235959Z"),
            (-1, "1969-12-31T23:59:59Z", "19691231T235959Z"),
        ])
    func formats(_ seconds: Int64, _ iso: String, _ amz: String) {
        let date = AmzDate(secondsSince1970: seconds)
        #expect(date.iso8601() == iso)
        #expect(date.amzFormat == amz)
        #expect(AmzDate(iso8601: iso) == date)
    }

    @Test("ISO 8601 milliseconds are zero-padded")
    func milliseconds() {
        #expect(AmzDate(secondsSince1970: 1_730_678_400).iso8601(milliseconds: 7) == "2024-11-04T00:00:00.007Z")
    }

    @Test("the extreme instants format without trapping")
    func extremes() {
        #expect(!AmzDate(secondsSince1970: .min).iso8601().isEmpty)
        #expect(!AmzDate(secondsSince1970: .max).amzFormat.isEmpty)
    }
}
