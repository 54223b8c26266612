import PolicyEngine
import Testing

/// Table-driven checks of the small pieces the evaluator is built from.
@Suite("Components")
struct ComponentTests {
    struct Glob: CustomTestStringConvertible, Sendable {
        var pattern: String, text: String, matches: Bool
        var testDescription: String { "\(pattern) ~ \(text)" }
    }

    @Test(
        "wildcards match by hand",
        arguments: [
            Glob(pattern: "*", text: "", matches: true), Glob(pattern: "*", text: "anything", matches: true),
            Glob(pattern: "a*", text: "a", matches: true), Glob(pattern: "a*c", text: "abbbc", matches: true),
            Glob(pattern: "a*c", text: "abbbd", matches: false), Glob(pattern: "?", text: "", matches: false),
            Glob(pattern: "?", text: "é", matches: true), Glob(pattern: "??", text: "é", matches: false),
            Glob(pattern: "*a*a*a*a*b", text: String(repeating: "a", count: 200), matches: false),
            Glob(pattern: "s3:*Object", text: "s3:getobject", matches: false),
            Glob(pattern: "x?z", text: "xyz", matches: true),
            Glob(pattern: "**", text: "q", matches: true), Glob(pattern: "a", text: "ab", matches: false),
        ])
    func glob(_ row: Glob) {
        #expect(GlobPattern(row.pattern).matches(row.text) == row.matches)
    }

    struct DateRow: CustomTestStringConvertible, Sendable {
        var text: String, seconds: Double?
        var testDescription: String { text }
    }

    @Test(
        "dates read as IAM reads them",
        arguments: [
            DateRow(text: "1970-01-01T00:00:00Z", seconds: 0),
            DateRow(text: "2025-01-15T12:00:00Z", seconds: 1_736_942_400),
            DateRow(text: "1736942400", seconds: 1_736_942_400),
            DateRow(text: "2025-01-15T13:00:00+01:00", seconds: 1_736_942_400),
            DateRow(text: "2025-01-15T07:00:00-05:00", seconds: 1_736_942_400),
            DateRow(text: "2025-01-15", seconds: 1_736_899_200),
            DateRow(text: "2025-01-15t12:00:00.5z", seconds: 1_736_942_400.5),
            DateRow(text: "2025-13-01", seconds: nil),
            DateRow(text: "2025-01-15T24:00:00Z", seconds: nil), DateRow(text: "soon", seconds: nil),
            DateRow(text: "", seconds: nil),
            DateRow(text: "9223372036854775808", seconds: nil),
        ])
    func dates(_ row: DateRow) {
        #expect(DateValue.parse(row.text) == row.seconds)
    }

    struct OperatorRow: CustomTestStringConvertible, Sendable {
        var text: String, canonical: String?
        var testDescription: String { text }
    }

    @Test(
        "condition operators parse into qualifier, base and IfExists",
        arguments: [
            OperatorRow(text: "StringEquals", canonical: "StringEquals"),
            OperatorRow(text: "ForAnyValue:StringLikeIfExists", canonical: "ForAnyValue:StringLikeIfExists"),
            OperatorRow(text: "forallvalues:stringequals", canonical: "ForAllValues:StringEquals"),
            OperatorRow(text: "Null", canonical: "Null"), OperatorRow(text: "NullIfExists", canonical: nil),
            OperatorRow(text: "ForSomeValues:StringEquals", canonical: nil),
            OperatorRow(text: "StringEqualz", canonical: nil),
            OperatorRow(text: "ForAnyValue::StringEquals", canonical: nil),
            OperatorRow(text: "IfExists", canonical: nil),
            OperatorRow(text: "ArnNotLikeIfExists", canonical: "ArnNotLikeIfExists"),
        ])
    func operators(_ row: OperatorRow) {
        #expect(ConditionOperator(parsing: row.text)?.description == row.canonical)
    }

    struct CallerRow: CustomTestStringConvertible, Sendable {
        var arn: String, kind: Caller.Kind?, principalARN: String?
        var testDescription: String { arn }
    }

    @Test(
        "callers are read from their ARNs",
        arguments: [
            CallerRow(
                arn: "arn:aws:iam::111122223333:root", kind: .root, principalARN: "arn:aws:iam::111122223333:root"),
            CallerRow(
                arn: "arn:aws:iam::111122223333:user/ops/alice", kind: .user,
                principalARN: "arn:aws:iam::111122223333:user/ops/alice"),
            CallerRow(
                arn: "arn:aws:sts::111122223333:assumed-role/Deploy/s1", kind: .assumedRole,
                principalARN: "arn:aws:iam::111122223333:role/Deploy"),
            CallerRow(
                arn: "arn:aws:sts::111122223333:federated-user/bob", kind: .federatedUser,
                principalARN: "arn:aws:sts::111122223333:federated-user/bob"),
            CallerRow(arn: "arn:aws:iam::1111:user/x", kind: nil, principalARN: nil),
            CallerRow(arn: "arn:aws:s3:::bucket", kind: nil, principalARN: nil),
            CallerRow(arn: "not an arn", kind: nil, principalARN: nil),
        ])
    func callers(_ row: CallerRow) {
        let caller = Caller(arn: row.arn)
        #expect(caller?.kind == row.kind)
        #expect(caller?.principalARN == row.principalARN)
    }

    struct TemplateRow: CustomTestStringConvertible, Sendable {
        var template: String, wildcards: Bool, text: String, matches: Bool
        var testDescription: String { "\(template) ~ \(text)" }
    }

    @Test(
        "policy variables substitute literally",
        arguments: [
            TemplateRow(template: "home/${aws:username}/*", wildcards: true, text: "home/alice/x", matches: true),
            TemplateRow(template: "home/${aws:username}", wildcards: false, text: "home/alice", matches: true),
            TemplateRow(template: "${aws:missing, 'dflt'}", wildcards: false, text: "dflt", matches: true),
            TemplateRow(template: "${aws:missing}", wildcards: false, text: "", matches: false),
            TemplateRow(template: "a${*}b", wildcards: true, text: "a*b", matches: true),
            TemplateRow(template: "a${*}b", wildcards: true, text: "axb", matches: false),
            TemplateRow(template: "${ aws:username }", wildcards: false, text: "alice", matches: true),
            TemplateRow(template: "${aws:username", wildcards: false, text: "${aws:username", matches: true),
            TemplateRow(template: "${aws:star}", wildcards: true, text: "anything", matches: false),
        ])
    func templates(_ row: TemplateRow) {
        let values = ["aws:username": "alice", "aws:star": "*"]
        let pattern = StringTemplate(row.template, variables: true, wildcards: row.wildcards).resolve { values[$0] }
        #expect((pattern?.matches(row.text) ?? false) == row.matches)
    }

    @Test(
        "the JSON writer round-trips what the scanner reads",
        arguments: [
            #"{"a":[1,-2.5e3,true,false,null,"x\"y\\z\n"],"b":{}}"#, #"[]"#, #""\u0001é€""#, #"{"k":{"n":[[],[{}]]}}"#,
        ])
    func jsonRoundTrip(_ text: String) throws {
        let value = try #require(JSONScanner.scan(text).value)
        #expect(JSONScanner.scan(JSONWriter.write(value)).value == value)
        #expect(JSONScanner.scan(JSONWriter.write(value, pretty: true)).value == value)
    }
}
