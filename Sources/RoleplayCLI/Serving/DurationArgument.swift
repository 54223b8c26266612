import ArgumentParser
import Emulator

/// A duration on the command line: `0`, or a whole number of seconds, minutes, hours or days (`30s`, `5m`, `4h`,
/// `2d`; see `DurationText`).
///
/// Bounded to 400 days, the longest window AWS tracks `RoleLastUsed` over (spec §5.3), so no later arithmetic on
/// virtual time can overflow.
struct DurationArgument: ExpressibleByArgument, Sendable, Hashable {
    let seconds: Int64

    static let zero = DurationArgument(seconds: 0)
    static let maxSeconds: Int64 = 400 * 86_400

    init(seconds: Int64) { self.seconds = seconds }

    init?(argument: String) {
        guard let seconds = DurationText.seconds(argument, limit: Self.maxSeconds) else { return nil }
        self.seconds = seconds
    }

    var defaultValueDescription: String { seconds == 0 ? "0" : "\(seconds)s" }
}
