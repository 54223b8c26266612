/// Percentiles of a set of latency samples, by the nearest-rank method.
///
/// Nearest rank (the smallest sample with at least p% of the samples at or below it) always reports a latency
/// that was measured, never an interpolation between two, and is exact for any sample count.
struct LatencySummary: Sendable, Hashable {
    var count: Int
    /// Microseconds.
    var p50: UInt32
    var p99: UInt32
    var max: UInt32

    /// nil when there are no samples.
    init?(microseconds samples: [UInt32]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        count = sorted.count
        p50 = Self.percentile(sorted, 50)
        p99 = Self.percentile(sorted, 99)
        max = sorted[sorted.count - 1]
    }

    /// The nearest-rank percentile `p` (0 < p ≤ 100) of ascending `sorted` samples.
    static func percentile(_ sorted: [UInt32], _ p: Int) -> UInt32 {
        precondition(!sorted.isEmpty && (1...100).contains(p))
        let rank = (p * sorted.count + 99) / 100  // ceil(p/100 × n), 1-based
        return sorted[Swift.max(rank, 1) - 1]
    }

    /// `1.23 ms` style, for the report.
    static func milliseconds(_ microseconds: UInt32) -> String {
        let tenths = (Int(microseconds) + 5) / 10
        return "\(tenths / 100).\(String(tenths % 100).leftPadded(to: 2)) ms"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
