import Foundation
import Scenarios
import Testing

/// Every kind of mistake the loader catches, with the exact `file:line: message` a user sees.
@Suite struct LoaderErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let yaml: String
        let message: String
        var testDescription: String { label }
    }

    /// A valid scenario to break: line 5 declares `root`, line 7 starts the only step.
    static let base = """
        name: t
        accounts:
          saas: "808540602285"
        actors:
          root: {root: saas}
        steps:
          - call: sts.GetCallerIdentity
            as: root
        """

    static func replacing(_ old: String, with new: String) -> String {
        precondition(base.contains(old), "the base scenario has no \(old)")
        return base.replacingOccurrences(of: old, with: new)
    }

    static let cases: [Case] = [
        Case(
            label: "bad YAML", yaml: replacing("name: t", with: "name: [t"),
            message: "t.yaml:2: bad YAML: did not find expected ',' or ']' (while parsing a flow sequence)"),
        Case(label: "duplicate key", yaml: base + "\nname: u", message: "t.yaml:1: bad YAML: duplicate key name"),
        Case(label: "empty file", yaml: "", message: "t.yaml:1: the file is empty"),
        Case(label: "not a mapping", yaml: "- a", message: "t.yaml:1: the scenario must be a mapping"),
        Case(
            label: "missing name", yaml: replacing("name: t\n", with: ""), message: "t.yaml:1: the scenario needs name"),
        Case(
            label: "missing steps", yaml: replacing("steps:\n  - call: sts.GetCallerIdentity\n    as: root", with: ""),
            message: "t.yaml:1: the scenario needs steps"),
        Case(
            label: "no steps",
            yaml: replacing("steps:\n  - call: sts.GetCallerIdentity\n    as: root", with: "steps: []"),
            message: "t.yaml:6: steps must list at least one step"),
        Case(
            label: "unknown top-level key", yaml: base + "\nregoin: eu-west-1",
            message:
                "t.yaml:9: unknown key regoin in the scenario (expected one of: name, description, seed, region, emulator, accounts, actors, steps)"
        ),
        Case(
            label: "unknown emulator key", yaml: base + "\nemulator: {cloudTrailLagg: 5m}",
            message:
                "t.yaml:9: unknown key cloudTrailLagg in emulator (expected one of: cloudTrailLag, roleLastUsedLag, streamChunkDelay)"
        ),
        Case(
            label: "bad lag", yaml: base + "\nemulator: {cloudTrailLag: 5 minutes}",
            message:
                "t.yaml:9: cloudTrailLag must be a duration such as 90s, 15m, 1h, 2d or a number of seconds, at most 34560000s"
        ),
        Case(
            label: "bare chunk delay", yaml: base + "\nemulator: {streamChunkDelay: 20}",
            message: "t.yaml:9: streamChunkDelay must be 0 or a delay such as 20ms or 1.5s, at most 60s"),
        Case(
            label: "negative seed", yaml: base + "\nseed: -1", message: "t.yaml:9: seed must be a non-negative integer"),
        Case(
            label: "account not 12 digits", yaml: replacing("\"808540602285\"", with: "\"80854060228\""),
            message: "t.yaml:3: account saas must be a 12-digit account ID, not 80854060228"),
        Case(
            label: "unknown account alias", yaml: replacing("{root: saas}", with: "{root: sass}"),
            message: "t.yaml:5: unknown account sass (declare it under accounts, or give a 12-digit ID)"),
        Case(
            label: "unknown actor key", yaml: replacing("{root: saas}", with: "{root: saas, acount: saas}"),
            message: "t.yaml:5: unknown key acount in actor root (expected one of: root)"),
        Case(
            label: "actor without a form", yaml: replacing("{root: saas}", with: "{account: saas}"),
            message: "t.yaml:5: actor root needs one of root, user, assume, keys, profile"),
        Case(
            label: "actor with two forms", yaml: replacing("{root: saas}", with: "{root: saas, profile: p}"),
            message: "t.yaml:5: actor root has both root and profile"),
        Case(
            label: "user without account", yaml: replacing("{root: saas}", with: "{user: u}"),
            message: "t.yaml:5: actor root needs account"),
        Case(
            label: "unknown assume key",
            yaml: replacing(
                "  root: {root: saas}", with: "  root: {root: saas}\n  s: {assume: {as: root, role: r, externalID: x}}"),
            message:
                "t.yaml:6: unknown key externalID in actor s's assume (expected one of: as, role, externalId, sessionName, durationSeconds, policy)"
        ),
        Case(
            label: "assume as an undeclared actor",
            yaml: replacing(
                "  root: {root: saas}", with: "  root: {root: saas}\n  s: {assume: {as: connector, role: r}}"),
            message: "t.yaml:6: unknown actor connector"),
        Case(
            label: "assume as itself",
            yaml: replacing("  root: {root: saas}", with: "  root: {root: saas}\n  s: {assume: {as: s, role: r}}"),
            message: "t.yaml:6: actor s cannot assume a role as itself"),
        Case(
            label: "assume cycle",
            yaml: replacing(
                "  root: {root: saas}",
                with: "  root: {root: saas}\n  a: {assume: {as: b, role: r}}\n  b: {assume: {as: a, role: r}}"),
            message: "t.yaml:7: actors assume roles as each other in a loop: a → b → a"),
        Case(
            label: "unknown step key", yaml: base + "\n    wiht: {}",
            message:
                "t.yaml:9: unknown key wiht in a step (expected one of: name, save, expect, assert, call, connector.init, connector.check, clock.advance, faults.add, faults.clear, bedrock.script, reset, as, with, sign, tamper)"
        ),
        Case(
            label: "step without an action", yaml: base + "\n  - name: nothing",
            message:
                "t.yaml:9: a step needs one action: call, connector.init, connector.check, clock.advance, faults.add, faults.clear, bedrock.script, reset"
        ),
        Case(
            label: "step with two actions", yaml: base + "\n    reset: {}",
            message: "t.yaml:9: a step has one action, this one has call and reset"),
        Case(
            label: "as on a step that is not a call", yaml: base + "\n  - reset: {}\n    as: root",
            message: "t.yaml:10: as belongs to call steps, not reset"),
        Case(
            label: "reset with options", yaml: base + "\n  - reset: {all: true}",
            message: "t.yaml:9: reset takes no options: write reset: {}"),
        Case(
            label: "call without a service", yaml: replacing("sts.GetCallerIdentity", with: "GetCallerIdentity"),
            message: "t.yaml:7: call must be SERVICE.Operation (iam.CreateRole), not GetCallerIdentity"),
        Case(
            label: "unknown service", yaml: replacing("sts.GetCallerIdentity", with: "ec2.DescribeInstances"),
            message: "t.yaml:7: unknown service ec2 (expected one of: sts, iam, bedrock, bedrock-runtime, cloudtrail)"),
        Case(
            label: "unknown operation", yaml: replacing("sts.GetCallerIdentity", with: "iam.CreateRol"),
            message: "t.yaml:7: unknown operation iam.CreateRol"),
        Case(
            label: "call without as", yaml: replacing("    as: root", with: "    name: who"),
            message: "t.yaml:7: call sts.GetCallerIdentity needs as: ACTOR"),
        Case(
            label: "call as an undeclared actor", yaml: replacing("as: root", with: "as: nobody"),
            message: "t.yaml:8: unknown actor nobody"),
        Case(
            label: "with not a mapping", yaml: base + "\n    with: [a]",
            message: "t.yaml:9: with must be a mapping of parameters"),
        Case(
            label: "connector.check as an undeclared actor",
            yaml: base + "\n  - connector.check: {as: x, role: r, externalId: e}", message: "t.yaml:9: unknown actor x"),
        Case(
            label: "connector.init with an unknown account", yaml: base + "\n  - connector.init: {systemAccount: nope}",
            message: "t.yaml:9: unknown account nope (declare it under accounts, or give a 12-digit ID)"),
        Case(
            label: "unknown connector.init key",
            yaml: base + "\n  - connector.init: {systemAccount: saas, externalID: x}",
            message: "t.yaml:9: unknown key externalID in connector.init (expected one of: systemAccount, externalId)"),
        Case(
            label: "variable never saved", yaml: base + "\n    with: {RoleName: \"${roleName}\"}",
            message: "t.yaml:9: ${roleName} is used before any step saves it"),
        Case(
            label: "variable saved only by a later step",
            yaml: base
                + "\n    with: {RoleName: \"${account}\"}\n  - call: sts.GetCallerIdentity\n    as: root\n    save: {account: Account}",
            message: "t.yaml:9: ${account} is used before any step saves it"),
        Case(
            label: "variable used by the step that saves it",
            yaml: base + "\n    save: {account: Account}\n    assert: [{path: Account, equals: \"${account}\"}]",
            message: "t.yaml:10: ${account} is used before any step saves it"),
        Case(
            label: "malformed template", yaml: base + "\n    with: {RoleName: \"${role name}\"}",
            message:
                "t.yaml:9: bad template \"${role name}\": \"${role name}\" is not a variable name (write $${ for a literal ${)"
        ),
        Case(
            label: "actor used before its variable is saved",
            yaml: replacing(
                "  root: {root: saas}",
                with: "  root: {root: saas}\n  s: {assume: {as: root, role: r, externalId: \"${externalId}\"}}")
                + "\n  - call: sts.GetCallerIdentity\n    as: s\n  - connector.init: {systemAccount: saas}\n    save: {externalId: externalId}",
            message: "t.yaml:11: actor s uses ${externalId} before any step saves it"),
        Case(
            label: "actor variable never saved",
            yaml: replacing(
                "  root: {root: saas}",
                with: "  root: {root: saas}\n  k: {keys: {accessKeyId: \"${id}\", secretAccessKey: s}}"),
            message: "t.yaml:6: ${id} is never saved by a step"),
        Case(
            label: "bad variable name in save", yaml: base + "\n    save: {1st: Account}",
            message: "t.yaml:9: 1st is not a variable name (letters, digits, _ and -, not first a digit)"),
        Case(
            label: "bad path in save", yaml: base + "\n    save: {account: \"Account..Id\"}",
            message: "t.yaml:9: bad path \"Account..Id\": empty member name at character 9"),
        Case(
            label: "bad path in assert", yaml: base + "\n    assert: [{path: \"Roles[x]\", exists: true}]",
            message: "t.yaml:9: bad path \"Roles[x]\": an index must be a non-negative integer at character 7"),
        Case(
            label: "bad duration", yaml: base + "\n  - clock.advance: 5 minutes",
            message:
                "t.yaml:9: clock.advance must be a duration such as 90s, 15m, 1h, 2d or a number of seconds, at most 315360000s"
        ),
        Case(
            label: "expect with neither code nor status", yaml: base + "\n    expect: {}",
            message: "t.yaml:9: expect needs error or status"),
        Case(
            label: "expect success false", yaml: base + "\n    expect: {success: false}",
            message: "t.yaml:9: success: false is not an expectation: give error: CODE or status: N"),
        Case(
            label: "unknown expect key", yaml: base + "\n    expect: {code: AccessDenied}",
            message: "t.yaml:9: unknown key code in expect (expected one of: success, error, status)"),
        Case(
            label: "bad status", yaml: base + "\n    expect: {status: 42}",
            message: "t.yaml:9: status must be an HTTP status code (100 to 599)"),
        Case(
            label: "unknown assert key", yaml: base + "\n    assert:\n      - {path: Account, equal: x}",
            message:
                "t.yaml:10: unknown key equal in an assertion (expected one of: path, equals, matches, exists, count)"),
        Case(
            label: "assertion without a check", yaml: base + "\n    assert:\n      - {path: Account}",
            message: "t.yaml:10: an assertion needs one of equals, matches, exists, count"),
        Case(
            label: "assertion with two checks",
            yaml: base + "\n    assert:\n      - {path: Account, exists: true, count: 1}",
            message: "t.yaml:10: an assertion checks one thing, this one has exists and count"),
        Case(
            label: "negative count", yaml: base + "\n    assert:\n      - {path: Roles, count: -1}",
            message: "t.yaml:10: count must be a non-negative integer"),
        Case(
            label: "fractional count", yaml: base + "\n    assert:\n      - path: Roles\n        count: 1.5",
            message: "t.yaml:11: count must be a non-negative integer"),
        Case(
            label: "bad regex", yaml: base + "\n    assert:\n      - {path: Arn, matches: \"([a-z]\"}",
            message: "t.yaml:10: bad regular expression ([a-z]"),
        Case(
            label: "exists not a boolean", yaml: base + "\n    assert:\n      - {path: Arn, exists: yes}",
            message: "t.yaml:10: exists must be true or false"),
    ]

    @Test(arguments: cases) func reportsTheLineAndTheProblem(_ testCase: Case) {
        #expect(throws: ScenarioFileError.self) { try LoaderFixture.load(testCase.yaml) }
        do throws(ScenarioFileError) {
            _ = try LoaderFixture.load(testCase.yaml)
        } catch {
            #expect(error.description == testCase.message)
        }
    }

    @Test func readsAFileFromDiskAndNamesAMissingOne() {
        #expect(throws: ScenarioFileError.self) { try LoaderFixture.loader.load(file: "no/such/scenario.yaml") }
        do throws(ScenarioFileError) {
            _ = try LoaderFixture.loader.loadAll(paths: ["no/such/scenario.yaml"])
        } catch {
            #expect(error.description == "no/such/scenario.yaml:1: no such file or directory")
        }
    }
}
