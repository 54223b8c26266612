import TestSupport
import Foundation
import PolicyEngine
import Testing

/// Hostile or broken documents must produce a diagnostic, never a crash, a hang or a huge allocation.
@Suite("Bad input")
struct BadInputTests {
    static let seed =
        #"{"Version":"2012-10-17","Statement":[{"Sid":"AllowSystemAccount","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::808540602285:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"abc"}}}]}"#

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var kind: PolicyKind = .trust
        /// Expected first message (nil: any diagnostic will do).
        var message: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty document", bytes: [], message: "This policy contains invalid Json"),
        Case(name: "only white space", bytes: Array("  \n\t ".utf8), message: "This policy contains invalid Json"),
        Case(
            name: "100,000 nested arrays", bytes: Array(repeating: UInt8(ascii: "["), count: 100_000),
            message: "This policy contains invalid Json"),
        Case(
            name: "40,000 nested objects", bytes: Array(String(repeating: #"{"a":"#, count: 40_000).utf8),
            message: "This policy contains invalid Json"),
        Case(
            name: "nesting just past the limit inside a condition",
            bytes: Array(
                (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"1"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"k":"#
                    + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "}}}]}").utf8),
            message: "This policy contains invalid Json"),
        Case(
            name: "a 10 MB document is refused without scanning",
            bytes: Array(#"{"Version":"2012-10-17","Statement":[{"Sid":""#.utf8)
                + Array(repeating: UInt8(ascii: "x"), count: 10_000_000) + Array(#""}]}"#.utf8),
            message: "Cannot exceed quota for ACLSizePerRole: 2048"),
        Case(
            name: "a 10 MB identity document is refused without scanning",
            bytes: Array(repeating: UInt8(ascii: " "), count: 10_000_000), kind: .identity,
            message: "Maximum policy size of 10240 bytes exceeded for role "),
        Case(
            name: "duplicate Effect keys",
            bytes: Array(
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}"#
                    .utf8),
            message: "This policy contains invalid Json"),
        Case(
            name: "duplicate Statement keys",
            bytes: Array(#"{"Version":"2012-10-17","Statement":[],"Statement":[]}"#.utf8),
            kind: .identity, message: "Syntax errors in policy."),
        Case(
            name: "duplicate condition operators",
            bytes: Array(
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a":"1"},"StringEquals":{"a":"2"}}}}"#
                    .utf8),
            kind: .identity, message: "Syntax errors in policy."),
        Case(
            name: "invalid UTF-8 continuation byte",
            bytes: Array(#"{"Version":"2012-10-17","Statement":{"Sid":""#.utf8) + [0x80] + Array(#""}}"#.utf8),
            message: "This policy contains invalid Json"),
        Case(
            name: "overlong UTF-8 encoding of '/'",
            bytes: Array(#"{"Sid":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8),
            message: "This policy contains invalid Json"),
        Case(
            name: "UTF-8 encoded surrogate", bytes: Array(#"{"Sid":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),
            message: "This policy contains invalid Json"),
        Case(
            name: "truncated UTF-8 sequence at the end", bytes: Array(#"{"Sid":""#.utf8) + [0xE2, 0x82],
            message: "This policy contains invalid Json"),
        Case(name: "byte 0xFF", bytes: [0xFF], message: "This policy contains invalid Json"),
        Case(
            name: "lone surrogate escape", bytes: Array(#"{"Version":"2012-10-17","Statement":{"Sid":"\ud800"}}"#.utf8),
            message: "This policy contains invalid Json"),
        Case(name: "control character inside a string", bytes: Array("{\"Sid\":\"a\u{01}b\"}".utf8)),
        Case(name: "trailing garbage", bytes: Array((seed + "xyz").utf8), message: "This policy contains invalid Json"),
        Case(
            name: "trailing comma", bytes: Array(#"{"Version":"2012-10-17",}"#.utf8),
            message: "This policy contains invalid Json"),
        Case(
            name: "single quotes", bytes: Array("{'Version':'2012-10-17'}".utf8),
            message: "This policy contains invalid Json"),
        Case(name: "a top-level array", bytes: Array("[]".utf8), message: "Syntax errors in policy."),
        Case(name: "a top-level string", bytes: Array(#""policy""#.utf8), message: "Syntax errors in policy."),
        Case(
            name: "Statement is a number", bytes: Array(#"{"Version":"2012-10-17","Statement":42}"#.utf8),
            message: "Syntax errors in policy."),
        Case(
            name: "Statement is null", bytes: Array(#"{"Version":"2012-10-17","Statement":null}"#.utf8),
            message: "Could not parse the policy: Statement is empty!"),
        Case(
            name: "Effect is a boolean",
            bytes: Array(
                #"{"Version":"2012-10-17","Statement":{"Effect":true,"Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}"#
                    .utf8),
            message: "Syntax errors in policy."),
        Case(
            name: "Principal AWS is a number",
            bytes: Array(
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":123456789012},"Action":"sts:AssumeRole"}}"#
                    .utf8),
            message: "Syntax errors in policy."),
        Case(
            name: "Action is null",
            bytes: Array(
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":null}}"#.utf8),
            message: "Syntax errors in policy."),
        Case(
            name: "condition value is null",
            bytes: Array(
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":null}}}}"#
                    .utf8),
            message: "Syntax errors in policy."),
        Case(
            name: "number with a leading zero",
            bytes: Array(
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"NumericEquals":{"k":012}}}}"#
                    .utf8),
            message: "This policy contains invalid Json"),
        Case(
            name: "a million statements would be too large anyway",
            bytes: Array(
                (#"{"Version":"2012-10-17","Statement":["# + String(repeating: "{},", count: 100_000) + "{}]}").utf8),
            message: "Cannot exceed quota for ACLSizePerRole: 2048"),
    ]

    @Test("bad input yields a diagnostic", arguments: cases)
    func yieldsDiagnostic(_ input: Case) {
        let clock = ContinuousClock()
        let start = clock.now
        let report = PolicyValidator(kind: input.kind).validate(bytes: input.bytes)
        #expect(!report.isValid)
        #expect(clock.now - start < .seconds(2), "validation must not hang")
        if let message = input.message {
            #expect(report.firstError?.message == message, "\(report.diagnostics)")
        }
    }

    @Test("every prefix of the seed trust policy is refused or accepted, never a crash")
    func everyPrefix() {
        let bytes = Array(Self.seed.utf8)
        for length in 0..<bytes.count {
            let report = PolicyValidator(kind: .trust).validate(bytes: Array(bytes[0..<length]))
            #expect(!report.isValid, "prefix \(length)")
        }
        #expect(PolicyValidator(kind: .trust).validate(bytes: bytes).isValid)
    }

    @Test("random byte flips in the seed policy never crash", arguments: [UInt64(1), 2, 3, 4])
    func randomMutations(_ seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let original = Array(Self.seed.utf8)
        for _ in 0..<2_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] = UInt8.random(in: 0...255, using: &random)
            }
            let report = PolicyValidator(kind: .trust).validate(bytes: bytes)
            if let document = report.document {
                // Whatever parsed must also evaluate without trouble.
                let policy = CompiledPolicy(document, name: "mutant", kind: .trust)
                let request = AuthorizationRequest(
                    caller: Caller(arn: "arn:aws:iam::808540602285:user/airia-connector")!, action: "sts:AssumeRole",
                    resource: "arn:aws:iam::123456789012:role/airia-bedrock-access",
                    context: RequestContext(["sts:ExternalId": "abc"]))
                _ = Authorizer.evaluate(request, PolicySet(resource: policy))
            }
        }
    }
}

extension BadInputTests {
    @Test("an invalid document compiled anyway grants nothing through the element it lacks")
    func invalidDocumentsFailClosed() throws {
        let caller = try #require(Caller(arn: "arn:aws:iam::808540602285:user/airia-connector"))
        let noResource = try #require(
            PolicyValidator(kind: .identity).validate(
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*"}}"#
            )
            .document)
        let noPrincipal = try #require(
            PolicyValidator(kind: .trust).validate(
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*"}}"#
            )
            .document)
        let request = AuthorizationRequest(
            caller: caller, action: "sts:AssumeRole", resource: "arn:aws:iam::808540602285:role/r")
        let identity = CompiledPolicy(noResource, name: "NoResource", kind: .identity)
        let trust = CompiledPolicy(noPrincipal, name: "NoPrincipal", kind: .trust)
        #expect(Authorizer.decide(request, PolicySet(identity: [identity])) == .implicitDeny)
        #expect(Authorizer.decide(request, PolicySet(identity: [identity], resource: trust)) == .implicitDeny)
    }
}
