import ArgumentParser
import Emulator
import Foundation
import HTTPServer

extension Roleplay {
    /// `roleplay serve`: the emulator on a socket.
    ///
    /// The first line on standard output is exactly `listening on http://HOST:PORT` (scripts and the real-client
    /// tests read the port from it when started with `--port 0`); request logs go to standard error. SIGINT and
    /// SIGTERM stop it gracefully: no new connections, requests in flight finish, exit status 0.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the emulator: STS, IAM (and more) on one HTTP endpoint.",
            discussion: """
                Identities: an access key of 12 digits is that account's root (secret 'test'); 'test'/'test' is the \
                root of 000000000000; IAM users' keys and STS temporary credentials work as on AWS. Admin API under \
                /_roleplay/ (docs/admin-api.md).
                """)

        @Option(help: "The IPv4 or IPv6 address to listen on (loopback by default; anything else warns, and needs --admin-token or --allow-open-admin).")
        var host = "127.0.0.1"

        @Option(
            help: ArgumentHelp(
                "Require 'Authorization: Bearer TOKEN' on /_roleplay/* but health (default: $ROLEPLAY_ADMIN_TOKEN: "
                    + "prefer it, options show in ps).",
                valueName: "token"))
        var adminToken: String?

        @Flag(help: "Allow a non-loopback --host without --admin-token: anyone who can reach the port can reset and read the emulator.")
        var allowOpenAdmin = false

        @Option(help: "The TCP port; 0 picks a free one (printed on the first line).")
        var port: UInt16 = 4590

        @Option(help: "error, warn, info (one line per request) or debug (also why each request was denied).")
        var logLevel: LogLevel = .info

        @Option(help: "on: verify every SigV4 signature and its time (as AWS does). off: a lax mock that skips both.")
        var signatureCheck: Switch = .on

        @Option(help: "Make every generated ID (request IDs, keys, role IDs) reproducible from this seed.")
        var seed: UInt64?

        @Option(help: "Server threads (each with its own epoll loop); default: one per core.")
        var threads: Int?

        @Option(help: "The largest request body accepted, in bytes.")
        var maxBodyBytes: Int = 16 << 20

        @Option(help: "The most simultaneous connections; later ones wait in the backlog or are closed.")
        var maxConnections: Int = 1024

        @Option(help: "Close a connection idle (no bytes either way) for this many seconds; 0 never does.")
        var idleTimeoutSeconds: Int = 30

        @Option(help: "How long after a role session's request GetRole shows it as RoleLastUsed (30s, 5m, 4h, 0; at most 400d).")
        var roleLastUsedLag: DurationArgument = .zero

        @Option(help: "Keep state in this directory across restarts (docs/persistence.md); it holds secret keys. Default: memory only.")
        var stateDir: String?

        @Option(help: "Pause between the chunks of Bedrock Runtime streams, e.g. 20ms or 1s (at most 60s).")
        var streamChunkDelay = DelayArgument(.zero)

        @Option(
            help: "CloudTrail delivery lag on the virtual clock: 0 (default), a duration (5m) or a range (5m..15m, as AWS).",
            transform: { (text: String) throws -> DeliveryLag in
                guard let lag = DeliveryLag(text) else {
                    throw ValidationError("use 0, a duration such as 5m, or a range such as 5m..15m (at most 24h)")
                }
                return lag
            })
        var cloudtrailLag: DeliveryLag = .none

        @Option(help: "The most CloudTrail events event history keeps; the oldest are dropped first.")
        var cloudtrailMaxEvents: Int = 1_000_000

        func validate() throws {
            if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
            guard (1024...(1 << 30)).contains(maxBodyBytes) else {
                throw ValidationError("--max-body-bytes must be between 1024 and 1073741824")
            }
            guard (1...100_000_000).contains(cloudtrailMaxEvents) else {
                throw ValidationError("--cloudtrail-max-events must be between 1 and 100000000")
            }
            guard (1...100_000).contains(maxConnections) else {
                throw ValidationError("--max-connections must be between 1 and 100000")
            }
            guard (0...86_400).contains(idleTimeoutSeconds) else {
                throw ValidationError("--idle-timeout-seconds must be between 0 and 86400")
            }
            if let token = effectiveAdminToken, token.isEmpty {
                throw ValidationError("--admin-token (or ROLEPLAY_ADMIN_TOKEN) must not be empty")
            }
            // A host that is no IP literal gets the bind error, which says so, rather than an exposure error.
            let listen = ServerConfiguration(host: host)
            if listen.isIPLiteral {
                try BindExposure.checkAdmin(
                    host: host, isLoopback: listen.isLoopback, hasToken: effectiveAdminToken != nil,
                    allowOpenAdmin: allowOpenAdmin)
            }
        }

        /// `--admin-token`, else `$ROLEPLAY_ADMIN_TOKEN` (the environment keeps the token out of `ps`); an empty
        /// variable counts as unset, as shells leave it, while an empty option is a mistake to report.
        private var effectiveAdminToken: String? {
            adminToken ?? ProcessInfo.processInfo.environment["ROLEPLAY_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        }

        func run() throws {
            // Block the stop signals before any server thread exists, so every thread inherits the mask and
            // only `SignalWaiter` receives them.
            let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
            let logger = RequestLogger(level: logLevel)
            var settings = EmulatorConfiguration()
            settings.signatureCheck = signatureCheck == .on
            settings.seed = seed
            settings.roleLastUsedLagSeconds = roleLastUsedLag.seconds
            settings.version = Roleplay.version
            settings.streamChunkDelay = streamChunkDelay.duration
            settings.cloudTrailLag = cloudtrailLag
            settings.cloudTrailMaxEvents = cloudtrailMaxEvents
            settings.adminToken = effectiveAdminToken.flatMap(AdminToken.init)
            if logLevel >= .info { settings.requestLog = { record, decisions in logger.log(record, decisions: decisions) } }
            let emulator: Emulator
            do {
                emulator = try stateDir.map { (path) throws(StateDirectoryError) in
                    try Emulator(configuration: settings, stateDirectory: path, warn: { logger.note("warning: \($0)") })
                } ?? Emulator(configuration: settings)
            } catch {
                throw ValidationError("cannot use --state-dir: \(error)")
            }
            var limits = ServerLimits()
            limits.maxBodyBytes = maxBodyBytes
            limits.maxConnections = maxConnections
            limits.idleTimeoutSeconds = idleTimeoutSeconds
            let configuration = ServerConfiguration(
                host: host, port: port, threading: .threadPool(threads: threads ?? Threading.coreCount), limits: limits)
            let server = HTTPServer(configuration: configuration, handler: { request in emulator.handle(request) })
            let address: BoundAddress
            do {
                address = try server.start()
            } catch {
                throw ValidationError("cannot listen on \(host):\(port): \(error)")
            }
            let exposure = BindExposure.warning(
                host: host, isLoopback: configuration.isLoopback, adminProtected: settings.adminToken != nil)
            if let exposure { logger.alert(exposure) }
            // Written unbuffered in one piece: a parent process reads this line through a pipe.
            FileHandle.standardOutput.write(Data("listening on \(address)\n".utf8))
            let received = signals.wait()
            logger.note("received \(received == SIGINT ? "SIGINT" : "SIGTERM"), stopping")
            server.stop()
            logger.note("stopped")
        }
    }
}

/// `on` / `off`.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on, off
}
