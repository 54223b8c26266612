import AWSWire
import TestSupport
import Testing

@Suite("Form and query-string decoding")
struct QueryParametersTests {
    @Test("decodes pairs in order, + as space, percent escapes in either case, repeats kept")
    func basics() throws {
        let p = try QueryParameters(
            decoding:
                "Action=AssumeRole&Version=2011-06-15&RoleSessionName=a+b%2Bc&Tag=%e2%9c%93&Tag=%E2%9C%93&Empty=&Bare")
        #expect(p.parameters.map(\.name) == ["Action", "Version", "RoleSessionName", "Tag", "Tag", "Empty", "Bare"])
        #expect(p["RoleSessionName"] == "a b+c")
        #expect(p.values("Tag") == ["✓", "✓"])
        #expect(p["Empty"] == "")
        #expect(p["Bare"] == "")
        #expect(p["Missing"] == nil)
    }

    @Test("a policy document arrives form-encoded once")
    func policy() throws {
        let p = try QueryParameters(
            decoding:
                "AssumeRolePolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D&a=b%3Dc=d")
        #expect(p["AssumeRolePolicyDocument"] == #"{"Version":"2012-10-17","Statement":[]}"#)
        #expect(p["a"] == "b=c=d")
    }

    @Test("empty pairs are skipped, an empty body has no parameters")
    func empties() throws {
        #expect(try QueryParameters(decoding: "").parameters.isEmpty)
        #expect(try QueryParameters(decoding: "&&a=1&&").parameters == [.init("a", "1")])
        #expect(try QueryParameters(decoding: "=x").parameters == [.init("", "x")])
    }

    @Test(
        "malformed escapes and invalid UTF-8 are errors",
        arguments: ["a=%", "a=%4", "a=%G1", "a=%4G", "%zz=1", "a=%C3%28", "a=%FF", "a=%ED%A0%80"])
    func malformed(_ input: String) {
        #expect(throws: QueryDecodingError.self) { try QueryParameters(decoding: input) }
    }

    @Test("limits: too many parameters, long names, long values")
    func limits() throws {
        let limits = QueryParameters.Limits(maxParameters: 2, maxNameBytes: 4, maxValueBytes: 3)
        #expect(throws: QueryDecodingError(.tooManyParameters)) {
            try QueryParameters(decoding: "a=1&b=2&c=3", limits: limits)
        }
        #expect(throws: QueryDecodingError(.keyTooLong, parameter: "abcde")) {
            try QueryParameters(decoding: "abcde=1", limits: limits)
        }
        #expect(throws: QueryDecodingError(.valueTooLong, parameter: "a")) {
            try QueryParameters(decoding: "a=%41%41%41%41", limits: limits)
        }
        #expect(try QueryParameters(decoding: "abcd=%41%41%41&b=2", limits: limits).parameters.count == 2)
    }

    @Test("errors map to 400 query errors")
    func awsErrors() {
        #expect(QueryDecodingError(.malformedPercentEscape, parameter: "a").awsError.httpStatus == 400)
        #expect(QueryDecodingError(.duplicateParameter, parameter: "a").awsError.code == .invalidParameterValue)
    }

    @Test("fuzz: random bytes, truncations and flips never trap, and what decodes re-decodes the same")
    func fuzz() throws {
        var rng = SplitMix64(seed: 0x5157_4952_4551_5259)
        let seed = Array("Action=CreateRole&RoleName=a%20b+c&Tags.member.1.Key=%E2%9C%93&Path=%2F".utf8)
        let alphabet = Array("%+=&.aZ09\u{7F}".utf8) + [0x00, 0xC3, 0xFF, 0x28]
        for _ in 0..<3000 {
            var input = seed
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: input = Array(input.prefix(Int.random(in: 0...input.count, using: &rng)))
            case 1:
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    input[Int.random(in: 0..<input.count, using: &rng)] = alphabet.randomElement(using: &rng)!
                }
            default: input = rng.bytes(Int.random(in: 0...40, using: &rng))
            }
            if let decoded = try? QueryParameters(decoding: input) {
                _ = try? QueryValue(flattening: decoded)
                for parameter in decoded.parameters {
                    #expect(!parameter.name.contains("&"))
                }
            }
        }
    }
}
