import AWSWire
import Testing

@testable import Scenarios

/// The JUnit report parses back and carries every text escaped.
@Suite struct JUnitReportTests {
    static let location = SourceLocation(file: "a&b <dir>/x.yaml", line: 12)

    static let results = [
        ScenarioResult(
            name: "passes \"quoted\"", file: "ok.yaml",
            steps: [
                StepOutcome(
                    title: "sts.GetCallerIdentity as root", location: location, status: .passed, durationMilliseconds: 3
                )
            ],
            durationMilliseconds: 4),
        ScenarioResult(
            name: "fails <bad> & 'worse'", file: location.file,
            steps: [
                StepOutcome(
                    title: "iam.GetRole as root", location: location, status: .failed, durationMilliseconds: 7,
                    failure: "a&b <dir>/x.yaml:12: Arn\n  expected: \"<x>\"\n  actual:   \"y\u{1}\""),
                StepOutcome(title: "later", location: location, status: .skipped, durationMilliseconds: 0),
            ],
            durationMilliseconds: 1500),
    ]

    @Test func itParsesBackWithTheCountsAndTheFailure() throws {
        let xml = JUnitReport.xml(Self.results)
        let root = try XMLReader().parse(xml)
        #expect(root.name == "testsuites")
        let suite = try #require(root.child("testsuite"))
        let cases = suite.children("testcase")
        #expect(cases.count == 2)
        #expect(cases[0].child("failure") == nil)
        let failure = try #require(cases[1].child("failure"))
        #expect(
            failure.text
                == "step iam.GetRole as root at a&b <dir>/x.yaml:12\na&b <dir>/x.yaml:12: Arn\n  expected: \"<x>\"\n  actual:   \"y?\""
        )
        #expect(
            xml.contains(
                #"<testsuite name="roleplay scenarios" tests="2" failures="1" errors="0" skipped="0" time="1.504">"#))
        #expect(
            xml.contains(
                #"<testcase name="fails &lt;bad&gt; &amp; &apos;worse&apos;" classname="a&amp;b &lt;dir&gt;/x.yaml" time="1.500">"#
            ))
        #expect(xml.contains(#"message="iam.GetRole as root: a&amp;b &lt;dir&gt;/x.yaml:12: Arn""#))
    }

    @Test func everyAttributeValueIsFreeOfMarkup() {
        let xml = JUnitReport.xml(Self.results)
        // Between quotes of an attribute, neither `<` nor a raw quote nor a bare `&` may appear.
        for line in xml.split(separator: "\n") where line.contains("=\"") {
            for value in line.split(separator: "\"").enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) {
                #expect(!value.contains("<"), "\(line)")
                #expect(!value.contains(#/&(?!amp;|lt;|gt;|quot;|apos;|#[0-9]+;)/#), "\(line)")
            }
        }
    }

    @Test func summaryCountsScenarios() {
        #expect(ProgressText.summary(Self.results) == "1 passed, 1 failed")
        #expect(
            ProgressText.line(Self.results[1].steps[0])
                == "✘ iam.GetRole as root  (7 ms)\n    a&b <dir>/x.yaml:12: Arn\n      expected: \"<x>\"\n      actual:   \"y\u{1}\""
        )
        #expect(ProgressText.line(Self.results[0].steps[0]) == "✔ sts.GetCallerIdentity as root  (3 ms)")
    }
}
