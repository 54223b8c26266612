import Foundation
import Testing

@testable import RoleplayCLI

@Suite("Canonical request comparison")
struct CanonicalRequestDiffTests {
    static let client = """
        POST
        /model/m%253A0/invoke

        content-type:application/json
        host:bedrock-runtime.us-east-1.amazonaws.com
        x-amz-date:20150830T123600Z

        content-type;host;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        """

    @Test("identical requests have no difference")
    func identical() {
        let diff = CanonicalRequestDiff(expected: Self.client, received: Self.client + "\n")
        #expect(diff.isIdentical)
        #expect(diff.firstDifference == nil)
        #expect(diff.summary.hasPrefix("The canonical requests are identical"))
    }

    @Test("each line is named after its part of the canonical request")
    func parts() {
        let lines = CanonicalRequestDiff.split(Self.client)
        #expect(
            CanonicalRequestDiff.parts(of: lines) == [
                "HTTP method", "canonical URI", "canonical query string", "header content-type", "header host",
                "header x-amz-date", "end of canonical headers", "signed headers", "payload hash",
            ])
    }

    @Test("a missing header marks one line, not every line after it")
    func missingHeader() {
        let server = Self.client.replacingOccurrences(of: "content-type:application/json\n", with: "")
            .replacingOccurrences(of: "content-type;host", with: "host")
        let diff = CanonicalRequestDiff(expected: Self.client, received: server)
        let changed = diff.lines.filter { $0.kind != .same }
        #expect(
            changed.map(\.marked) == [
                "- content-type:application/json", "- content-type;host;x-amz-date", "+ host;x-amz-date",
            ])
        #expect(diff.firstDifference?.part == "header content-type")
        #expect(diff.summary.contains("line 4 of the client's canonical request, the header content-type."))
    }

    @Test(
        "the summary names the part and a likely cause",
        arguments: [
            ("POST\n", "GET\n", "the HTTP method", "another method"),
            ("\n\ncontent-type", "\nAction=X\ncontent-type", "the canonical query string", "The query changed"),
            (
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "UNSIGNED-PAYLOAD",
                "the payload hash", "body"
            ),
        ])
    func summaries(_ from: String, _ to: String, _ part: String, _ cause: String) {
        let server = Self.client.replacingOccurrences(of: from, with: to)
        let diff = CanonicalRequestDiff(expected: Self.client, received: server)
        #expect(diff.summary.contains(part), "\(diff.summary)")
        #expect(diff.summary.contains(cause), "\(diff.summary)")
    }

    @Test("reads back the sections of 'sign --explain'")
    func explainSections() {
        let text = ExplainSections.render([
            (ExplainSections.canonicalRequest, Self.client), (ExplainSections.stringToSign, "AWS4-HMAC-SHA256\nx"),
            (ExplainSections.signature, "abc"),
        ])
        let sections = ExplainSections.parse(text)
        #expect(sections?[ExplainSections.canonicalRequest] == Self.client)
        #expect(sections?[ExplainSections.stringToSign] == "AWS4-HMAC-SHA256\nx")
        #expect(sections?[ExplainSections.signature] == "abc")
        #expect(ExplainSections.parse(Self.client) == nil)
    }
}
