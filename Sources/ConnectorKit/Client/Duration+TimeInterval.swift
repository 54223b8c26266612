internal import Foundation

extension Duration {
    /// Seconds as Foundation counts them (`URLSession` timeouts, backoff arithmetic).
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
