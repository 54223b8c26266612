import Emulator
import Yams

extension NodeReader {
    /// The longest lag a scenario may set, as `roleplay serve` allows: 400 days, the longest window AWS tracks
    /// `RoleLastUsed` over.
    static let maxLagSeconds: Int64 = 400 * 86_400
    /// The furthest one `clock.advance` may move: ten years, far beyond any credential's lifetime, small enough
    /// that virtual time cannot overflow.
    static let maxAdvanceSeconds: Int64 = 3_650 * 86_400
    /// The longest CloudTrail wait a `connector.check` may set: a day, polled through on the virtual clock (about
    /// 5,800 lookups at the 15-second backoff), far beyond CloudTrail's 5–15 minute delivery.
    static let maxCloudTrailTimeoutSeconds: Int64 = 86_400
    /// The longest pause between stream chunks: a longer gap would only look like a hung stream.
    static let maxChunkDelayMilliseconds = 60_000

    /// `90s`, `15m`, `1h`, `2d` or a whole number of seconds (Emulator's `DurationText`, as the command line reads).
    func seconds(_ node: Node, _ what: String, limit: Int64) throws(ScenarioFileError) -> Int64 {
        guard case .scalar(let scalar) = node, let seconds = DurationText.seconds(scalar.string, limit: limit) else {
            throw error(
                node,
                "\(what) must be a duration such as 90s, 15m, 1h, 2d or a number of seconds, "
                    + "at most \(limit)s")
        }
        return seconds
    }

    /// `0`, `20ms` or `1.5s`, as `--stream-chunk-delay` reads it; a bare number other than 0 has no obvious unit
    /// and is refused.
    func milliseconds(_ node: Node, _ what: String) throws(ScenarioFileError) -> Int {
        let complaint = "\(what) must be 0 or a delay such as 20ms or 1.5s, at most 60s"
        guard case .scalar(let scalar) = node else { throw error(node, complaint) }
        let text = scalar.string
        let number: Substring
        let scale: Double
        if text.hasSuffix("ms") {
            (number, scale) = (text.dropLast(2), 1)
        } else if text.hasSuffix("s") {
            (number, scale) = (text.dropLast(), 1_000)
        } else if text == "0" {
            (number, scale) = ("0", 1)
        } else {
            throw error(node, complaint)
        }
        guard number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Double(number),
            value * scale <= Double(Self.maxChunkDelayMilliseconds)
        else { throw error(node, complaint) }
        return Int((value * scale).rounded())
    }
}
