import AWSWire
import Scenarios
import Testing

/// `sign`, `tamper` and `connector.check`'s `retries` and `cloudTrailTimeout`: what the loader reads from them,
/// and the `file:line: message` of each mistake.
@Suite struct CallOptionLoaderTests {
    /// A scenario whose only step (line 7) is a `call` with `options` appended (one line each, step-indented).
    static func call(_ options: String) -> String {
        """
        name: t
        accounts:
          saas: "808540602285"
        actors:
          root: {root: saas}
        steps:
          - call: sts.GetCallerIdentity
            as: root
        \(options.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    static func check(_ options: String) -> String {
        """
        name: t
        accounts:
          saas: "808540602285"
        actors:
          root: {root: saas}
        steps:
          - connector.check: {as: root, role: "arn:aws:iam::123456789012:role/r", externalId: e\(options)}
        """
    }

    static func options(_ yaml: String) throws -> CallOptions? {
        guard case .call(_, _, _, _, let options) = try LoaderFixture.load(yaml).steps[0].action else { return nil }
        return options
    }

    @Test func readsSignAndTamper() throws {
        #expect(try Self.options(Self.call("")) == CallOptions())
        #expect(try Self.options(Self.call("sign: {skewSeconds: -1200}")) == CallOptions(skewSeconds: -1200))
        #expect(
            try Self.options(Self.call("sign: {skewSeconds: 3600, correct: true}\ntamper: header"))
                == CallOptions(skewSeconds: 3600, correctsSkew: true, tamper: .header))
        for tamper in CallOptions.Tamper.allCases {
            #expect(try Self.options(Self.call("tamper: \(tamper.rawValue)"))?.tamper == tamper)
        }
    }

    @Test func readsTheCheckOptions() throws {
        let yaml = Self.check(", cloudTrail: root, retries: standard, cloudTrailTimeout: 5m")
        guard case .connectorCheck(let options) = try LoaderFixture.load(yaml).steps[0].action else {
            Issue.record("not a connector.check")
            return
        }
        #expect(options["retries"] == "standard")
        #expect(options["cloudTrailTimeout"] == .int(300))
    }

    static let mistakes: [(yaml: String, message: String)] = [
        (call("sign: {correct: true}"), "t.yaml:9: sign needs skewSeconds"),
        (call("sign: {skewSeconds: 1.5}"), "t.yaml:9: skewSeconds must be an integer"),
        (call("sign: {skewSeconds: 20m}"), "t.yaml:9: skewSeconds must be an integer"),
        (call("sign: {skewSeconds: -315360001}"), "t.yaml:9: skewSeconds must be at most 315360000 either way"),
        (call("sign: {skewSeconds: 1, correct: yes}"), "t.yaml:9: correct must be true or false"),
        (
            call("sign: {skewSeconds: 1, offset: 2}"),
            "t.yaml:9: unknown key offset in sign (expected one of: skewSeconds, correct)"
        ),
        (call("tamper: date"), "t.yaml:9: tamper must be one of: body, header, signature, token, not date"),
        (call("tamper: [body]"), "t.yaml:9: tamper must be text"),
        (
            "name: t\nsteps:\n  - reset: {}\n    tamper: body",
            "t.yaml:4: tamper belongs to call steps, not reset"
        ),
        (
            check(", retries: adaptive"),
            "t.yaml:7: retries must be standard (ConnectorKit's standard retry mode, 3 attempts)"
        ),
        (check(", cloudTrailTimeout: 5m"), "t.yaml:7: cloudTrailTimeout needs cloudTrail: ACTOR (the wait it bounds)"),
        (
            check(", cloudTrail: root, cloudTrailTimeout: 2d"),
            "t.yaml:7: cloudTrailTimeout must be a duration such as 90s, 15m, 1h, 2d or a number of seconds, at most 86400s"
        ),
    ]

    @Test(arguments: mistakes) func reportsTheLineAndTheProblem(_ yaml: String, _ message: String) {
        do throws(ScenarioFileError) {
            _ = try LoaderFixture.load(yaml)
            Issue.record("loaded: \(yaml)")
        } catch {
            #expect(error.description == message)
        }
    }
}
