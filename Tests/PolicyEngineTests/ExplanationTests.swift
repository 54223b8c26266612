import PolicyEngine
import Testing

/// The explanation lines the emulator serves for every deny.
@Suite("Explanations")
struct ExplanationTests {
    static let trust =
        #"{"Version":"2012-10-17","Statement":[{"Sid":"AllowSystemAccount","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::808540602285:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"abc"}}}]}"#
    static let identity =
        #"{"Version":"2012-10-17","Statement":[{"Sid":"AssumeCustomerRole","Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::123456789012:role/airia-bedrock-access"}]}"#
    static let role = "arn:aws:iam::123456789012:role/airia-bedrock-access"

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var caller = "arn:aws:iam::808540602285:user/airia-connector"
        var context: [String: String] = [:]
        var identity = ExplanationTests.identity
        var trust = ExplanationTests.trust
        var lines: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "wrong External ID", context: ["sts:ExternalId": "abd"],
            lines: [
                #"denied: trust policy statement AllowSystemAccount did not apply: StringEquals sts:ExternalId expected "abc", request had "abd""#
            ]),
        Case(
            name: "missing External ID",
            lines: [
                "denied: trust policy statement AllowSystemAccount did not apply: StringEquals sts:ExternalId expected \"abc\", request had no sts:ExternalId"
            ]),
        Case(
            name: "caller from another account", caller: "arn:aws:iam::999988887777:user/mallory",
            context: ["sts:ExternalId": "abc"],
            lines: [
                "denied: trust policy statement AllowSystemAccount did not apply: Principal \"AWS:arn:aws:iam::808540602285:root\" does not match arn:aws:iam::999988887777:user/mallory"
            ]),
        Case(
            name: "root credentials", caller: "arn:aws:iam::808540602285:root", context: ["sts:ExternalId": "abc"],
            lines: [
                "denied: root credentials can never call sts:AssumeRole; call it as an IAM user or role"
            ]),
        Case(
            name: "caller's own policy is missing", context: ["sts:ExternalId": "abc"],
            identity:
                #"{"Version":"2012-10-17","Statement":[{"Sid":"Bedrock","Effect":"Allow","Action":"bedrock:*","Resource":"*"}]}"#,
            lines: [
                "denied: no identity policy statement of arn:aws:iam::808540602285:user/airia-connector allows sts:AssumeRole on arn:aws:iam::123456789012:role/airia-bedrock-access (cross-account access also needs the caller's own policies)"
            ]),
        Case(
            name: "explicit deny in the trust policy", context: ["sts:ExternalId": "abd"],
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Sid":"DenyWrongId","Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"sts:ExternalId":"abc"}}}]}"#,
            lines: [
                "denied explicitly: trust policy statement DenyWrongId applies (Deny sts:AssumeRole on arn:aws:iam::123456789012:role/airia-bedrock-access)"
            ]),
        Case(
            name: "allowed", context: ["sts:ExternalId": "abc"],
            lines: [
                "allowed: cross-account sts:AssumeRole on arn:aws:iam::123456789012:role/airia-bedrock-access, allowed by both the resource's policy and the caller's policies: identity policy Connector statement AssumeCustomerRole, trust policy statement AllowSystemAccount"
            ]),
    ]

    @Test("summaries name the statement and the comparison", arguments: cases)
    func summary(_ input: Case) throws {
        let trust = try #require(CompiledPolicy.compile(input.trust, name: "Trust", kind: .trust).policy)
        let identity = try #require(CompiledPolicy.compile(input.identity, name: "Connector", kind: .identity).policy)
        let request = AuthorizationRequest(
            caller: try #require(Caller(arn: input.caller)), action: "sts:AssumeRole",
            resource: Self.role, context: RequestContext(input.context))
        let evaluation = Authorizer.evaluate(request, PolicySet(identity: [identity], resource: trust))
        #expect(ExplanationRenderer.summary(evaluation) == input.lines)
    }

    @Test("the full trace lists every statement and every comparison")
    func fullTrace() throws {
        let trust = try #require(CompiledPolicy.compile(Self.trust, name: "Trust", kind: .trust).policy)
        let request = AuthorizationRequest(
            caller: try #require(Caller(arn: "arn:aws:iam::808540602285:user/airia-connector")),
            action: "sts:AssumeRole", resource: Self.role,
            context: RequestContext(["sts:ExternalId": "abd"]))
        let lines = ExplanationRenderer.trace(Authorizer.evaluate(request, PolicySet(resource: trust)))
        #expect(lines.contains("trust policy statement AllowSystemAccount (Allow): did not apply"))
        #expect(lines.contains(#"  Action "sts:AssumeRole" matches sts:AssumeRole"#))
        #expect(
            lines.contains(
                #"  Principal "AWS:arn:aws:iam::808540602285:root" names the caller's account (arn:aws:iam::808540602285:user/airia-connector)"#
            ))
        #expect(lines.contains(#"  StringEquals sts:ExternalId expected "abc", request had "abd" → false"#))
    }
}
