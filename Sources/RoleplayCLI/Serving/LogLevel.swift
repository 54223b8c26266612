import ArgumentParser

/// How much `roleplay serve` writes to standard error.
enum LogLevel: String, ExpressibleByArgument, CaseIterable, Comparable {
    /// Only failures of the server itself.
    case error
    /// Also warnings (start-up notes, signals).
    case warn
    /// Also one line per request.
    case info
    /// Also, for each denied request, why it was denied.
    case debug

    private var rank: Int {
        switch self {
        case .error: 0
        case .warn: 1
        case .info: 2
        case .debug: 3
        }
    }

    static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}
