import TestSupport
import Foundation
import SigV4
import Testing

/// Seeded, bounded mutation of valid input: truncations, byte flips, insertions and duplicated separators,
/// one to three per iteration.
struct Mutator {
    var rng: SplitMix64
    /// Bytes whose duplication probes a parser's splitting (`,` in Authorization, `&` in a query, newlines…).
    let separators: [UInt8]

    /// Inserted half of the time instead of a uniformly random byte: the characters the parsers split and
    /// compare on, digits, hex and bytes that are not valid UTF-8 on their own.
    static let interesting: [UInt8] =
        Array(" ,;=/&%:-+_.\t\r\n0123456789TZaAfFgG".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]

    init(seed: UInt64, separators: String) {
        rng = SplitMix64(seed: seed)
        self.separators = Array(separators.utf8)
    }

    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var out = input
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                out.removeLast(Int.random(in: 0...out.count, using: &rng))
            case 1:
                guard !out.isEmpty else { continue }
                out[Int.random(in: 0..<out.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            case 2:
                let byte =
                    Bool.random(using: &rng)
                    ? Self.interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
                out.insert(byte, at: Int.random(in: 0...out.count, using: &rng))
            default:
                // The first separator at or after a random position (wrapping), so every one can be picked.
                let start = Int.random(in: 0...out.count, using: &rng)
                if let p = out[start...].firstIndex(where: separators.contains)
                    ?? out[..<start].firstIndex(where: separators.contains)
                {
                    out.insert(out[p], at: p)
                } else {
                    out.insert(separators.randomElement(using: &rng)!, at: start)
                }
            }
        }
        return out
    }
}

/// The pieces of `text` between any of `separators`, empty ones dropped: equal for two texts that differ only
/// by repeated, leading or trailing separators.
func tokens(_ text: String, _ separators: String) -> [Substring] {
    text.split(whereSeparator: separators.contains)
}

/// The start of every message the verifier may answer a malformed form with (its catalogue).
enum KnownFailure {
    static let incomplete = [
        "Authorization header requires", "Unsupported AWS 'algorithm'", "Date must be in ISO-8601 'basic format'",
        "Date header must be in RFC 1123 format", "Credential must have exactly",
        "Credential must include an access key ID.",
        "SigV4a requests require the 'X-Amz-Region-Set'", "AWS query-string parameters must include",
        "X-Amz-Algorithm only supports", "X-Amz-Expires should be a number", "X-Amz-Expires must be less than a week",
    ]
    static let rejected = [
        "Credential should be scoped with a valid terminator", "Date in Credential scope does not match",
        "'Host' or ':authority' must be a 'SignedHeader'", "Signature expired:", "Signature not yet current:",
        "The provided 'x-amz-content-sha256' header does not match",
    ]

    /// The kind of a failure, or nil with the reason when it is outside the catalogue.
    static func kind(of failure: AuthFailure, allowMissing: Bool) -> (kind: String, unexpected: String?) {
        switch failure {
        case .missingAuthentication:
            return (
                "missingAuthentication", allowMissing ? nil : "missing authentication although a signature is present"
            )
        case .incompleteSignature(let m):
            return ("incompleteSignature", incomplete.contains { m.hasPrefix($0) } ? nil : "unknown message: \(m)")
        case .signatureRejected(let m):
            return ("signatureRejected", rejected.contains { m.hasPrefix($0) } ? nil : "unknown message: \(m)")
        case .unknownAccessKey:
            return ("unknownAccessKey", nil)
        case .expiredToken:
            return ("expiredToken", "the verifier never decides expiry; the identity layer does")
        case .signatureMismatch(let canonical, let stringToSign):
            return (
                "signatureMismatch", canonical.isEmpty || stringToSign.isEmpty ? "mismatch without its stages" : nil
            )
        }
    }
}

/// What one fuzz run saw: outcome counts and the inputs that broke a rule.
struct FuzzReport: CustomStringConvertible {
    var outcomes: [String: Int] = [:]
    var violations: [String] = []

    mutating func record(_ outcome: String) { outcomes[outcome, default: 0] += 1 }

    mutating func violation(_ text: String) { if violations.count < 20 { violations.append(text) } }

    var description: String {
        outcomes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            + (violations.isEmpty ? "" : "\n" + violations.joined(separator: "\n"))
    }
}

/// A valid signed request and what it means once parsed.
struct FuzzBase {
    let request: SigV4Request
    let parameters: SignatureParameters
    let normalizesPath: Bool
    let bodyCovered: Bool

    init(_ signed: SignedRequest, service: String) throws {
        request = signed.request
        parameters = try SignatureParameters.parse(signed.request)
        normalizesPath = service != "s3"
        bodyCovered = signed.canonical.payloadHash != "UNSIGNED-PAYLOAD"
    }

    static func headerSigned() throws -> [FuzzBase] {
        [
            try FuzzBase(
                Signer(credentials: Fixture.longTerm, region: "us-east-1", service: "sts").sign(
                    Fixture.stsAssumeRole, at: Fixture.now),
                service: "sts"),
            try FuzzBase(
                Signer(credentials: Fixture.temporary, region: "us-east-1", service: "bedrock")
                    .sign(Fixture.bedrockConverseARN, at: Fixture.now), service: "bedrock"),
            try FuzzBase(
                Signer(credentials: Fixture.longTerm, region: "*", service: "bedrock", algorithm: .ecdsaP256SHA256)
                    .sign(Fixture.bedrockInvoke, at: Fixture.now), service: "bedrock"),
        ]
    }

    static func presigned() throws -> [FuzzBase] {
        [
            try FuzzBase(
                Signer(credentials: Fixture.longTerm, region: "us-east-1", service: "sts")
                    .presign(Fixture.stsGetCallerIdentity, at: Fixture.now, expires: 900), service: "sts"),
            try FuzzBase(
                Signer(credentials: Fixture.temporary, region: "us-east-1", service: "iam")
                    .presign(Fixture.iamListRoles, at: Fixture.now, expires: 3600), service: "iam"),
            try FuzzBase(
                Signer(credentials: Fixture.longTerm, region: "*", service: "sts", algorithm: .ecdsaP256SHA256)
                    .presign(Fixture.stsGetCallerIdentity, at: Fixture.now, expires: 300), service: "sts"),
        ]
    }

    /// Whether `other` says what this request says in every part the signature covers (the rule for
    /// accepting a changed request): same method, path (after normalization), decoded query, signed header
    /// values (trimmed, runs of whitespace collapsed), and body.
    func sameSignedContent(as other: SigV4Request) -> Bool {
        func path(_ p: String) -> String {
            guard normalizesPath else { return p }
            var segments: [Substring] = []
            for s in p.split(separator: "/", omittingEmptySubsequences: true) where s != "." {
                if s == ".." { _ = segments.popLast() } else { segments.append(s) }
            }
            return "/" + segments.joined(separator: "/")
        }
        func canonical(_ r: SigV4Request, _ name: String) -> String {
            let whitespace: [UInt8] = [0x20, 0x09, 0x0D, 0x0A]  // bytes: "\r\n" is one Character in Swift
            return r.headerValues(name).map { value in
                value.utf8.split(whereSeparator: whitespace.contains).map { String(decoding: $0, as: UTF8.self) }
                    .joined(separator: " ")
            }.joined(separator: ",")
        }
        return other.method == request.method && path(other.path) == path(request.path)
            && decodedQuery(other.query) == decodedQuery(request.query)
            && (!bodyCovered || other.body == request.body)
            && parameters.signedHeaders.allSatisfy { canonical(other, $0) == canonical(request, $0) }
    }
}

@Suite("Bad input: seeded fuzzing never traps and always gets a catalogued answer")
struct FuzzTests {
    static let iterations = 5000

    @Test("mutated Authorization headers")
    func authorizationHeaders() throws {
        let bases = try FuzzBase.headerSigned()
        let verifier = Fixture.verifier()
        var mutator = Mutator(seed: 0xA17_4041, separators: ",= /;")
        var report = FuzzReport()
        for i in 0..<Self.iterations {
            let base = bases[i % bases.count]
            let original = try unwrap(base.request.header("Authorization"), "Authorization")
            let mutated = String(decoding: mutator.mutate(Array(original.utf8)), as: UTF8.self)
            let request = base.request.setting("Authorization", mutated)
            switch verifier.verify(request, now: Fixture.now) {
            case .valid(let parameters):
                report.record(mutated == original ? "valid (unchanged)" : "valid (same meaning)")
                // Tolerated: repeated or extra separators and whitespace; anything else must be rejected.
                if parameters != base.parameters || tokens(mutated, " \t,;") != tokens(original, " \t,;") {
                    report.violation("accepted a changed header: \(mutated.debugDescription)")
                }
            case .invalid(let failure):
                let (kind, unexpected) = KnownFailure.kind(of: failure, allowMissing: false)
                report.record(kind)
                if mutated == original { report.violation("the unchanged header was rejected: \(failure)") }
                if let unexpected { report.violation("\(unexpected) for \(mutated.debugDescription)") }
            }
        }
        #expect(report.violations.isEmpty, "\(report)")
        #expect(report.outcomes.keys.filter { $0.hasPrefix("valid") == false }.count >= 4, "\(report)")
    }

    @Test("mutated presigned query strings")
    func presignedQueries() throws {
        let bases = try FuzzBase.presigned()
        let verifier = Fixture.verifier()
        var mutator = Mutator(seed: 0x9E27_0AE5, separators: "&=%")
        var report = FuzzReport()
        for i in 0..<Self.iterations {
            let base = bases[i % bases.count]
            var request = base.request
            request.query = String(decoding: mutator.mutate(Array(base.request.query.utf8)), as: UTF8.self)
            switch verifier.verify(request, now: Fixture.now) {
            case .valid(let parameters):
                report.record(request.query == base.request.query ? "valid (unchanged)" : "valid (same meaning)")
                if parameters != base.parameters || !base.sameSignedContent(as: request)
                    || tokens(request.query, "&") != tokens(base.request.query, "&")
                {
                    report.violation("accepted a different query: \(request.query)")
                }
            case .invalid(let failure):
                let (kind, unexpected) = KnownFailure.kind(of: failure, allowMissing: true)
                report.record(kind)
                if request.query == base.request.query {
                    report.violation("the unchanged query was rejected: \(failure)")
                }
                if let unexpected { report.violation("\(unexpected) for \(request.query.debugDescription)") }
            }
        }
        #expect(report.violations.isEmpty, "\(report)")
        #expect(report.outcomes.keys.filter { $0.hasPrefix("valid") == false }.count >= 4, "\(report)")
    }

    @Test("mutated raw HTTP requests, parsed then verified")
    func rawRequests() throws {
        let bases = try FuzzBase.headerSigned() + FuzzBase.presigned()
        let texts = bases.indices.map { i in
            var withAgent = bases[i].request
            withAgent.headers.append(Fixture.userAgent)  // an unsigned header, so harmless changes exist
            return RawHTTPRequest.serialize(withAgent, lineEnd: i % 2 == 0 ? "\n" : "\r\n")
        }
        let verifier = Fixture.verifier()
        var mutator = Mutator(seed: 0x4854_5450, separators: ":\r\n &=,;/")
        var report = FuzzReport()
        for i in 0..<Self.iterations {
            let base = bases[i % bases.count]
            let text = texts[i % texts.count]
            let mutated = mutator.mutate(text)
            let request: SigV4Request
            do {
                request = try RawHTTPRequest.parse(mutated)
            } catch {
                report.record("parse error")
                continue
            }
            switch verifier.verify(request, now: Fixture.now) {
            case .valid:
                report.record(mutated == text ? "valid (unchanged)" : "valid (same meaning)")
                if !base.sameSignedContent(as: request) {
                    report.violation("accepted a different request:\n\(String(decoding: mutated, as: UTF8.self))")
                }
            case .invalid(let failure):
                let (kind, unexpected) = KnownFailure.kind(of: failure, allowMissing: true)
                report.record(kind)
                if mutated == text { report.violation("the unchanged request was rejected: \(failure)") }
                if let unexpected {
                    report.violation("\(unexpected) for:\n\(String(decoding: mutated, as: UTF8.self))")
                }
            }
        }
        #expect(report.violations.isEmpty, "\(report)")
        #expect(report.outcomes["parse error", default: 0] > 0, "\(report)")
        #expect(
            report.outcomes.keys.filter { $0.hasPrefix("valid") == false && $0 != "parse error" }.count >= 4,
            "\(report)")
    }

    @Test("random bytes are never a request that verifies, and never trap the parser")
    func randomBytes() {
        var rng = SplitMix64(seed: 0x5241_4E44)
        let verifier = Fixture.verifier()
        for _ in 0..<2000 {
            let length = Int.random(in: 0...120, using: &rng)
            let text = (0..<length).map { _ in
                Bool.random(using: &rng)
                    ? Mutator.interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            guard let request = try? RawHTTPRequest.parse(text) else { continue }
            if case .valid = verifier.verify(request, now: Fixture.now) { Issue.record("verified: \(text)") }
        }
    }

    /// Dates shaped like `Date` headers with random fields, verified in a child process: the verifier traps on
    /// some years (see the report), and a trap must fail this test only. On a trap, bisection names the input.
    @Test("random Date headers never trap the verifier")
    func dateHeaders() async {
        let dates = DateFuzz.dates(count: 2000)
        if await DateFuzz.survives(dates) { return }
        var range = dates.indices  // holds a trapping date
        while range.count > 1 {
            let firstHalf = range.lowerBound..<(range.lowerBound + range.count / 2)
            range =
                await DateFuzz.survives(Array(dates[firstHalf])) ? firstHalf.upperBound..<range.upperBound : firstHalf
        }
        Issue.record("the verifier traps on the header Date: \(dates[range.lowerBound])")
    }
}

/// `Date` header values with random, often out-of-range, fields.
enum DateFuzz {
    static func dates(count: Int) -> [String] {
        var rng = SplitMix64(seed: 0xDA7E)
        let fields = [
            "", "0", "1", "01", "15", "29", "31", "-1", "+1", "007", "2025", "12025", "0000", "-2025", "99999999999999",
            "9223372036854775807", "24", "59", "60",
        ]
        let months = ["Jan", "Feb", "Sep", "Dec", "jan", "Foo"]
        func field() -> String { fields.randomElement(using: &rng)! }
        return (0..<count).map { _ in
            "Wed, \(field()) \(months.randomElement(using: &rng)!) \(field()) \(field()):\(field()):\(field()) GMT"
        }
    }

    /// Verifies a request dated by each of `dates` (signed `date;host`, with a made-up signature).
    static func verifyAll(_ dates: [String]) {
        let verifier = Verifier { _ in "secret" }
        for date in dates {
            let request = SigV4Request(
                method: "GET", path: "/",
                headers: [
                    HTTPHeader("Host", "sts.amazonaws.com"), HTTPHeader("Date", date),
                    HTTPHeader(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250115/us-east-1/sts/aws4_request, "
                            + "SignedHeaders=date;host, Signature=" + String(repeating: "0", count: 64)),
                ])
            if case .valid = verifier.verify(request, now: AmzDate(secondsSince1970: 1_736_942_400)) { exit(1) }
        }
    }

    /// Whether a child process gets through `dates` without trapping. Each probe's own failure is a known issue:
    /// the test records one issue, naming the trapping date, once bisection has found it.
    static func survives(_ dates: [String]) async -> Bool {
        var survived = false
        await withKnownIssue(isIntermittent: true) {
            survived =
                await #expect(processExitsWith: .success) { [dates = dates as [String]] in
                    DateFuzz.verifyAll(dates)
                } != nil
        }
        return survived
    }
}
