public import ConnectorKit
public import Foundation
public import HTTPServer

/// `roleplay scenario record`: a proxy on a local port that forwards a client's calls to an upstream (the
/// emulator or AWS), re-signed with the upstream's credentials, passes every answer back unchanged, and keeps a
/// transcript of the exchanges with secrets masked.
///
/// The client's own signature is not verified: the client signs for the recorder's host, and the recorder signs
/// every request anew, so it only reads which access key the client used (docs/record-replay.md). Streamed
/// answers (Bedrock event streams) are collected whole from the upstream and then passed on in one piece.
public final class Recorder: Sendable {
    public struct Configuration: Sendable {
        /// Where requests go: `.custom(URL)` for one endpoint (the emulator), `.aws` for AWS's.
        public var upstream: EndpointResolver
        public var rootCredentials: UpstreamCredentials
        public var transport: any Transport
        /// The transcript file, rewritten after every exchange; nil keeps it in memory only.
        public var outputPath: String?
        /// The clock the upstream signatures are dated by.
        public var now: @Sendable () -> Date
        /// Where failures to write the transcript are reported.
        public var log: @Sendable (String) -> Void

        public init(
            upstream: EndpointResolver, rootCredentials: UpstreamCredentials = .emulator,
            transport: any Transport = URLSessionTransport(), outputPath: String? = nil,
            now: @escaping @Sendable () -> Date = { Date() }, log: @escaping @Sendable (String) -> Void = { _ in }
        ) {
            self.upstream = upstream
            self.rootCredentials = rootCredentials
            self.transport = transport
            self.outputPath = outputPath
            self.now = now
            self.log = log
        }
    }

    private let session: RecordingSession
    private let server: HTTPServer

    /// - Parameters:
    ///   - host: the address to listen on (loopback by default: the recorder holds upstream credentials).
    ///   - port: 0 picks a free one.
    public init(configuration: Configuration, host: String = "127.0.0.1", port: UInt16 = 0) {
        let session = RecordingSession(configuration: configuration)
        self.session = session
        // A thread per connection: each exchange blocks its thread while the upstream answers.
        server = HTTPServer(
            configuration: ServerConfiguration(
                host: host, port: port, threading: .threadPerConnection, shutdownGracePeriod: .seconds(5)),
            handler: { session.handle($0) })
    }

    deinit { server.stop() }

    /// Writes an empty transcript (so a bad `--out` fails now, not after the first call) and starts listening.
    @discardableResult
    public func start() throws -> BoundAddress {
        if let path = session.configuration.outputPath { try Transcript().write(to: path) }
        return try server.start()
    }

    /// Stops listening (exchanges under way finish) and writes the transcript a last time.
    public func stop() {
        server.stop()
        session.save(session.transcript)
    }

    /// The exchanges recorded so far.
    public var transcript: Transcript { session.transcript }
}
