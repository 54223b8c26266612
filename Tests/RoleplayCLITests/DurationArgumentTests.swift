import ArgumentParser
import Testing

@testable import RoleplayCLI

/// `--role-last-used-lag` accepts `0` and whole numbers of seconds (bare or `s`), minutes, hours or days, up to
/// 400 days.
@Suite("DurationArgument")
struct DurationArgumentTests {
    @Test(
        "valid durations",
        arguments: [
            ("0", 0), ("30s", 30), ("5", 5), ("5m", 300), ("4h", 14_400), ("2d", 172_800), ("0s", 0), ("400d", 34_560_000),
        ]
            as [(String, Int64)])
    func valid(_ text: String, _ seconds: Int64) {
        #expect(DurationArgument(argument: text)?.seconds == seconds)
    }

    @Test("invalid durations", arguments: ["", "m", "s", "-5m", "1.5h", "5 m", "5M", "401d", "99999999999999999999h"])
    func invalid(_ text: String) {
        #expect(DurationArgument(argument: text) == nil)
    }

    @Test("roleplay serve parses --role-last-used-lag")
    func serveOption() throws {
        let command = try #require(
            try Roleplay.parseAsRoot(["serve", "--role-last-used-lag", "5m"]) as? Roleplay.Serve)
        #expect(command.roleLastUsedLag.seconds == 300)
        #expect(throws: (any Error).self) { try Roleplay.parseAsRoot(["serve", "--role-last-used-lag", "5x"]) }
    }
}
