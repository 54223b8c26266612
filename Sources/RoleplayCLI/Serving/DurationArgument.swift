import ArgumentParser

/// A duration on the command line: a whole number with a unit, `30s`, `5m`, `4h`, `2d`, or `0`.
///
/// Bounded to 400 days, the longest window AWS tracks `RoleLastUsed` over (spec §5.3), so no later arithmetic on
/// virtual time can overflow.
struct DurationArgument: ExpressibleByArgument, Sendable, Hashable {
    let seconds: Int64

    static let zero = DurationArgument(seconds: 0)
    static let maxSeconds: Int64 = 400 * 86_400

    init(seconds: Int64) { self.seconds = seconds }

    init?(argument: String) {
        if argument == "0" {
            self = .zero
            return
        }
        guard let unit = argument.last, let count = Int64(argument.dropLast()), count >= 0, argument.count <= 12 else {
            return nil
        }
        let scale: Int64
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        default: return nil
        }
        let (total, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow, total <= Self.maxSeconds else { return nil }
        seconds = total
    }

    var defaultValueDescription: String { seconds == 0 ? "0" : "\(seconds)s" }
}
