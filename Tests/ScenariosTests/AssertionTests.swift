import AWSWire
import Scenarios
import Testing

@Suite struct AssertionTests {
    let response: JSONValue = [
        "Role": ["RoleName": "airia", "MaxSessionDuration": "3600", "Tags": [["Key": "k", "Value": "v"]]],
        "Events": [["EventName": "AssumeRole"]],
        "stopReason": "end_turn",
        "usage": ["inputTokens": 12, "ratio": 0.5],
        "flag": true,
        "nothing": nil,
    ]

    func check(_ path: String, _ check: Assertion.Check, line: Int = 31) throws -> AssertionFailure? {
        try Assertion(
            path: ResponsePath(parsing: path), check: check, location: SourceLocation(file: "happy.yaml", line: line)
        )
        .evaluate(on: response)
    }

    @Test func equalsPassesOnTheSameJSON() throws {
        #expect(try check("Role.RoleName", .equals("airia")) == nil)
        #expect(try check("usage.inputTokens", .equals(12)) == nil)
        #expect(try check("usage.ratio", .equals(try JSONReader().decode(Array("5e-1".utf8)))) == nil)
        #expect(try check("flag", .equals(true)) == nil)
        #expect(try check("nothing", .equals(nil)) == nil)
        #expect(try check("absent", .equals(nil)) == nil)
        #expect(try check("Role.Tags", .equals([["Value": "v", "Key": "k"]])) == nil)
        #expect(try check("Role.MaxSessionDuration", .equals(3600)) == nil)
    }

    @Test func equalsFailsWithAReadableDiff() throws {
        let failure = try #require(try check("Role.RoleName", .equals("x")))
        #expect(failure.description == "happy.yaml:31: Role.RoleName\n  expected: \"x\"\n  actual:   \"airia\"")
        #expect(try check("usage.inputTokens", .equals("12")) != nil)
        #expect(try check("Role.MaxSessionDuration", .equals(3601)) != nil)
        #expect(try check("Role.Tags", .equals([["Key": "k"]])) != nil)
        #expect(try check("Events", .equals([])) != nil)
        let missing = try #require(try check("Role.Arn", .equals("arn")))
        #expect(missing.description == "happy.yaml:31: Role.Arn\n  expected: \"arn\"\n  actual:   absent")
    }

    @Test func matchesSearchesTextWithARegularExpression() throws {
        #expect(try check("Role.RoleName", .matches("^air")) == nil)
        #expect(try check("Role.RoleName", .matches("ri")) == nil)
        #expect(try check("usage.inputTokens", .matches("^1[0-9]$")) == nil)
        let failure = try #require(try check("Role.RoleName", .matches("^bedrock$"), line: 40))
        #expect(
            failure.description
                == "happy.yaml:40: Role.RoleName\n  expected: a match for /^bedrock$/\n  actual:   \"airia\"")
        #expect(try check("Role", .matches(".*")) != nil)
        #expect(try check("absent", .matches(".*")) != nil)
    }

    @Test func existsTellsPresentFromAbsentOrNull() throws {
        #expect(try check("Role.RoleName", .exists(true)) == nil)
        #expect(try check("Role.Arn", .exists(false)) == nil)
        #expect(try check("nothing", .exists(false)) == nil)
        let present = try #require(try check("stopReason", .exists(false)))
        #expect(present.description == "happy.yaml:31: stopReason\n  expected: absent\n  actual:   \"end_turn\"")
        let absent = try #require(try check("Role.Arn", .exists(true)))
        #expect(absent.description == "happy.yaml:31: Role.Arn\n  expected: present\n  actual:   absent")
    }

    @Test func countCountsListElements() throws {
        #expect(try check("Events", .count(1)) == nil)
        #expect(try check("Roles", .count(0)) == nil)
        let failure = try #require(try check("Events", .count(2)))
        #expect(
            failure.description
                == "happy.yaml:31: Events\n  expected: 2 elements\n  actual:   1 element: [{\"EventName\":\"AssumeRole\"}]"
        )
        let absent = try #require(try check("Roles", .count(1)))
        #expect(absent.actual == "absent (0 elements)")
        let notAList = try #require(try check("stopReason", .count(1)))
        #expect(notAList.actual == "not a list: \"end_turn\"")
    }

    @Test func cutsAHugeActualShort() throws {
        let long = String(repeating: "a", count: 1_000)
        let failure = try Assertion(
            path: ResponsePath(parsing: "x"), check: .equals("b"), location: SourceLocation(file: "f", line: 1)
        )
        .evaluate(on: ["x": .string(long)])
        #expect(failure?.actual == "\"" + String(repeating: "a", count: 299) + "… (1002 characters)")
    }

    @Test func fillsReferencesBeforeEvaluating() throws {
        let location = SourceLocation(file: "f", line: 1)
        let equals = Assertion(
            path: try ResponsePath(parsing: "Role.RoleName"), check: .equals("${role}"), location: location)
        #expect(try equals.substituting(["role": "airia"]).evaluate(on: response) == nil)
        #expect(try equals.substituting(["role": "other"]).evaluate(on: response) != nil)
        let matches = Assertion(
            path: try ResponsePath(parsing: "Role.RoleName"), check: .matches("^${prefix}"), location: location)
        #expect(try matches.substituting(["prefix": "air"]).check == .matches("^air"))
        #expect(throws: TemplateError.unknownVariable("role")) { try equals.substituting([:]) }
    }
}
