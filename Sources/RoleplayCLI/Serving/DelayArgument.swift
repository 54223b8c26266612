import ArgumentParser

/// A short pause given on the command line: `0`, `20ms`, `1.5s` (`--stream-chunk-delay`).
struct DelayArgument: ExpressibleByArgument, Hashable {
    /// The longest pause accepted: a stream with a longer gap between chunks would only look hung.
    static let maximum = Duration.seconds(60)

    let duration: Duration

    init(_ duration: Duration) { self.duration = duration }

    init?(argument: String) {
        let number: Substring
        let scale: Double
        if argument.hasSuffix("ms") {
            (number, scale) = (argument.dropLast(2), 1e-3)
        } else if argument.hasSuffix("s") {
            (number, scale) = (argument.dropLast(), 1)
        } else if argument == "0" {
            (number, scale) = ("0", 1)
        } else {
            return nil
        }
        guard let value = Double(number), value >= 0, value * scale <= 60 else { return nil }
        duration = .milliseconds(Int64((value * scale * 1000).rounded()))
    }

    var defaultValueDescription: String { "0" }
}
