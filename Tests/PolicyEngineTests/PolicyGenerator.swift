import TestSupport
import PolicyEngine

/// Random but well-formed policies and requests drawn from small pools, so that statements
/// often match the request (a generator of unrelated strings would only test "no match").
struct PolicyGenerator {
    var random: SplitMix64

    static let accounts = ["111122223333", "444455556666"]
    static let callers = [
        "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob",
        "arn:aws:sts::111122223333:assumed-role/deploy/s1", "arn:aws:iam::444455556666:user/carol",
        "arn:aws:sts::444455556666:assumed-role/worker/w1", "arn:aws:iam::111122223333:root",
    ]
    static let actions = ["sts:AssumeRole", "s3:GetObject", "s3:PutObject", "bedrock:InvokeModel", "iam:ListUsers"]
    static let actionPatterns = [
        "*", "s3:*", "s3:Get*", "sts:AssumeRole", "bedrock:Invoke*", "iam:List?sers", "S3:PUTOBJECT",
    ]
    static let resources = [
        "arn:aws:s3:::bucket/a.txt", "arn:aws:s3:::bucket/dir/b.txt", "arn:aws:iam::111122223333:role/deploy",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1", "*",
    ]
    static let resourcePatterns = [
        "*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/dir/*", "arn:aws:iam::*:role/*",
        "arn:aws:bedrock:*::foundation-model/*", "arn:aws:s3:::bucket/${aws:username}*",
    ]
    static let principals = [
        #"{"AWS":"111122223333"}"#, #"{"AWS":"arn:aws:iam::444455556666:root"}"#, #"{"AWS":"*"}"#,
        #"{"AWS":"arn:aws:iam::111122223333:user/alice"}"#, #"{"AWS":"arn:aws:iam::111122223333:role/deploy"}"#,
        #"{"AWS":["arn:aws:iam::444455556666:user/carol","111122223333"]}"#,
    ]
    static let conditions = [
        #"{"StringEquals":{"sts:ExternalId":"abc"}}"#, #"{"StringNotEquals":{"sts:ExternalId":"abc"}}"#,
        #"{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*"}}"#, #"{"Bool":{"aws:SecureTransport":"true"}}"#,
        #"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#, #"{"NumericLessThan":{"s3:max-keys":"10"}}"#,
        #"{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}"#,
        #"{"ForAnyValue:StringLike":{"aws:TagKeys":"a*"}}"#,
        #"{"Null":{"sts:ExternalId":"true"}}"#, #"{"StringEqualsIfExists":{"aws:RequestedRegion":"us-east-1"}}"#,
        #"{"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}"#,
        #"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:*"}}"#,
    ]

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// One statement's JSON text.
    mutating func statement(sid: String, principal: Bool, effect: String? = nil) -> String {
        var fields = [#""Sid":"\#(sid)""#, #""Effect":"\#(effect ?? (chance(30) ? "Deny" : "Allow"))""#]
        if principal { fields.append(#""Principal":\#(pick(Self.principals))"#) }
        let actions = (0..<Int.random(in: 1...2, using: &random)).map { _ in
            JSONWriter.quoted(pick(Self.actionPatterns))
        }
        fields.append(#""\#(chance(15) ? "NotAction" : "Action")":[\#(actions.joined(separator: ","))]"#)
        if !principal || chance(50) {
            let resources = (0..<Int.random(in: 1...2, using: &random)).map { _ in
                JSONWriter.quoted(pick(Self.resourcePatterns))
            }
            fields.append(#""\#(chance(15) ? "NotResource" : "Resource")":[\#(resources.joined(separator: ","))]"#)
        }
        if chance(50) { fields.append(#""Condition":\#(pick(Self.conditions))"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A policy document with 1–4 statements, as statement texts (so tests can reorder them).
    mutating func statements(prefix: String, principal: Bool) -> [String] {
        (0..<Int.random(in: 1...4, using: &random)).map { statement(sid: "\(prefix)\($0)", principal: principal) }
    }

    static func document(_ statements: [String]) -> String {
        #"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#
    }

    mutating func request() -> AuthorizationRequest {
        let callerText = pick(Self.callers)
        var caller = Caller(arn: callerText)!
        if caller.kind == .assumedRole {
            caller.roleARN =
                callerText.contains("deploy")
                ? "arn:aws:iam::111122223333:role/deploy"
                : "arn:aws:iam::444455556666:role/worker"
        }
        var context = RequestContext()
        if chance(60) { context.set("sts:ExternalId", pick(["abc", "abd"])) }
        if chance(50) { context.set("aws:SecureTransport", pick(["true", "false"])) }
        if chance(50) { context.set("aws:SourceIp", pick(["203.0.113.9", "198.51.100.1"])) }
        if chance(40) { context.set("s3:max-keys", pick(["5", "50"])) }
        if chance(40) { context.set("aws:TagKeys", values: pick([["a"], ["a", "b"], ["a", "c"], []])) }
        if chance(40) { context.set("aws:CurrentTime", pick(["2025-06-01T00:00:00Z", "2027-01-01T00:00:00Z"])) }
        return AuthorizationRequest(
            caller: caller, action: pick(Self.actions), resource: pick(Self.resources),
            resourceAccount: pick(Self.accounts), context: context)
    }
}

/// A generated scenario: statement texts per policy role, and a request.
struct Scenario {
    var identity: [[String]]
    var boundary: [String]?
    var session: [String]?
    var resource: [String]?
    var request: AuthorizationRequest

    init(seed: UInt64) {
        var generator = PolicyGenerator(seed: seed)
        identity = (0..<Int.random(in: 0...2, using: &generator.random)).map {
            generator.statements(prefix: "I\($0)x", principal: false)
        }
        boundary = generator.chance(25) ? generator.statements(prefix: "B", principal: false) : nil
        session = generator.chance(25) ? generator.statements(prefix: "S", principal: false) : nil
        resource = generator.chance(70) ? generator.statements(prefix: "R", principal: true) : nil
        request = generator.request()
    }

    /// Compiles the scenario, optionally rewriting each policy's statement list and text first.
    func policies(
        statements transform: ([String]) -> [String] = { $0 },
        text: (String) -> String = { $0 }
    ) -> PolicySet {
        func compile(_ statements: [String], _ name: String, _ kind: PolicyKind) -> CompiledPolicy {
            let source = text(PolicyGenerator.document(transform(statements)))
            let report = PolicyValidator(kind: kind).validate(source)
            return CompiledPolicy(report.document!, name: name, kind: kind)
        }
        return PolicySet(
            identity: identity.enumerated().map { compile($0.element, "I\($0.offset)", .identity) },
            permissionsBoundary: boundary.map { compile($0, "B", .managed) },
            session: session.map { [compile($0, "S", .session)] },
            resource: resource.map { compile($0, "R", .resource) })
    }
}
