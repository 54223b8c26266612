import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The connections that do no work: open and silent, or holding a request that never ends.
///
/// A real server meets these all the time (a client that connects and stalls, a body that never arrives), and
/// they must cost it nothing but a slot until its idle timeout closes them; they must never slow or break the
/// working connections. The pool keeps `size` of them open for the whole load phase: each one the server
/// closes is counted and replaced at once. One that outlives `overdueSeconds` (the server's idle timeout,
/// with margin) means the timeout does not work, and fails the run.
struct IdleConnectionPool: Sendable {
    /// What an idle connection sent.
    enum Kind: Int, CaseIterable, Sendable {
        /// Nothing at all.
        case silent
        /// A request head without its final blank line.
        case partialHead
        /// A whole head promising 100 bytes of body, then 10 of them.
        case partialBody

        /// Half silent, a quarter with a partial head, a quarter with a partial body (each replacement keeps its
        /// predecessor's kind, so the shares hold all along).
        static func mixed(_ index: Int) -> Kind {
            index % 2 == 0 ? .silent : (index % 4 == 1 ? .partialHead : .partialBody)
        }

        func bytes(port: UInt16) -> [UInt8] {
            let head =
                "POST / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            switch self {
            case .silent: return []
            case .partialHead: return Array(head.utf8)
            case .partialBody: return Array((head + "Content-Length: 100\r\n\r\nAction=Get").utf8)
            }
        }
    }

    struct Report: Sendable {
        var opened = 0
        /// Connections the server closed (each was replaced).
        var closedByServer = 0
        /// The longest an idle connection stayed open before the server closed it, in seconds.
        var longestLifetime = 0.0
        /// Connections still open past `overdueSeconds` when seen.
        var overdue = 0
        var failures: [String] = []
    }

    var port: UInt16
    var size: Int
    var overdueSeconds: Double
    var deadline: Date

    /// Keeps the pool full until the deadline, on the calling thread; closes every connection at the end.
    func run() -> Report {
        var report = Report()
        var open: [(connection: SoakConnection, kind: Kind, since: Date, overdue: Bool)] = []
        func openOne(_ kind: Kind) {
            do {
                let connection = try SoakConnection(port: port, timeoutSeconds: 5)
                try connection.send(kind.bytes(port: port))
                open.append((connection, kind, Date(), false))
                report.opened += 1
            } catch {
                if report.failures.count < 5 { report.failures.append("idle connection: \(error)") }
            }
        }
        for i in 0..<size { openOne(Kind.mixed(i)) }
        while Date() < deadline {
            var pollers = open.map { pollfd(fd: $0.connection.descriptor, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&pollers, nfds_t(pollers.count), 200)
            var kinds: [Kind] = []
            if ready > 0 {
                // Walk backwards so removals keep the remaining indices valid.
                for i in pollers.indices.reversed() where pollers[i].revents != 0 {
                    guard open[i].connection.closedByPeer(waitingMilliseconds: 0) else { continue }
                    report.closedByServer += 1
                    report.longestLifetime = max(report.longestLifetime, -open[i].since.timeIntervalSinceNow)
                    kinds.append(open[i].kind)
                    open[i].connection.close()
                    open.remove(at: i)
                }
            }
            for i in open.indices where !open[i].overdue && -open[i].since.timeIntervalSinceNow > overdueSeconds {
                open[i].overdue = true
                report.overdue += 1
            }
            for kind in kinds { openOne(kind) }
            if open.count < size, report.failures.count >= 5 { break }
            while open.count < size && report.failures.count < 5 { openOne(Kind.mixed(open.count)) }
        }
        for entry in open { entry.connection.close() }
        return report
    }
}
