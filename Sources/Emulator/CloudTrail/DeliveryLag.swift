/// How long after a call its event shows in event history: AWS delivers within about 5 to 15 minutes
/// (`roleplay serve --cloudtrail-lag 5m..15m`); the emulator's default is 0, so tests see events at once.
///
/// Each event's lag is drawn from its event ID, so it is fixed per event, reproducible under `--seed`, and
/// follows virtual time (`POST /_roleplay/clock` advances it).
public struct DeliveryLag: Sendable, Hashable, CustomStringConvertible {
    public let minimumSeconds: Int64
    public let maximumSeconds: Int64

    /// No lag.
    public static let none = DeliveryLag(uncheckedMinimum: 0, maximum: 0)
    /// At most a day: anything longer would outlast any test and is surely a typo.
    static let limitSeconds: Int64 = 86_400

    private init(uncheckedMinimum minimum: Int64, maximum: Int64) {
        minimumSeconds = minimum
        maximumSeconds = maximum
    }

    /// Parses `0`, a single duration (`5m`, `90s`, `1h`, or bare seconds: `DurationText`) or a range `MIN..MAX`
    /// (`5m..15m`).
    /// nil when the text is none of these, the range is reversed, or a bound exceeds a day.
    public init?(_ text: String) {
        let parts = text.split(separator: "..", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let minimum = Self.seconds(parts[0]),
            let maximum = parts.count == 2 ? Self.seconds(parts[1]) : minimum, minimum <= maximum
        else { return nil }
        self.init(uncheckedMinimum: minimum, maximum: maximum)
    }

    /// The lag of the event with this ID.
    func seconds(for eventID: EventID) -> Int64 {
        guard maximumSeconds > minimumSeconds else { return minimumSeconds }
        return minimumSeconds + Int64(eventID.mixed % UInt64(maximumSeconds - minimumSeconds + 1))
    }

    public var description: String {
        minimumSeconds == maximumSeconds ? "\(minimumSeconds)s" : "\(minimumSeconds)s..\(maximumSeconds)s"
    }

    private static func seconds(_ text: Substring) -> Int64? { DurationText.seconds(text, limit: limitSeconds) }
}
