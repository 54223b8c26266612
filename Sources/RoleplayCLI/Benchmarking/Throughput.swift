import Foundation

/// Operations-per-second measurement for `roleplay bench`, in the shape of `../shared/bench`:
/// several timed runs, the median, and the spread ((max − min) / median) so noise is visible.
///
/// The machine is shared and noisy, so a single run proves little; figures are medians of runs
/// interleaved by the caller. Benchmarks print figures; nothing here asserts on time.
package struct Throughput: Sendable {
    /// Operations per second of each run, in run order.
    package var rates: [Double]

    package init(rates: [Double]) { self.rates = rates }

    package var median: Double {
        let sorted = rates.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// (max − min) / median, as a whole percentage.
    package var spreadPercent: Int {
        guard let lo = rates.min(), let hi = rates.max(), median > 0 else { return 0 }
        return Int(((hi - lo) / median * 100).rounded())
    }

    /// Runs `body` in batches until `seconds` have passed and returns operations per second.
    ///
    /// Batches of 256 keep the clock reads (a vDSO call each) out of the measured cost.
    package static func rate(seconds: Double, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var elapsed = 0.0
        repeat {
            for _ in 0..<256 { body() }
            count += 256
            let d = clock.now - start
            elapsed = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        } while elapsed < seconds
        return Double(count) / elapsed
    }
}

/// Formats figures the way the shared harness prints them: thousands separators, no decimals.
package func formatRate(_ value: Double) -> String {
    let whole = Int(value.rounded())
    let digits = String(whole)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return out
}
