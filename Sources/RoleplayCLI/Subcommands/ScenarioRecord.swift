import ArgumentParser
import ConnectorKit
import Foundation
import HTTPServer
import Scenarios

extension Roleplay {
    /// `roleplay scenario record`: a recording proxy in front of an upstream (docs/record-replay.md).
    ///
    /// The first line on standard output is exactly `listening on http://HOST:PORT`, as for `roleplay serve`.
    /// The transcript is rewritten after every exchange, so a recorder killed by any signal loses nothing already
    /// answered; SIGINT and SIGTERM stop it gracefully.
    struct ScenarioRecord: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Proxy a client's calls to an upstream and write a transcript of them (secrets masked).",
            discussion: """
                Point the client's endpoint at the recorder. Requests are re-signed for the upstream: a 12-digit \
                access key is that account's root (on the emulator: secret 'test'; on AWS: --upstream-profile's \
                credentials), keys a recorded response minted (CreateAccessKey, AssumeRole) are used as minted. \
                The client's own signature is not checked.
                """)

        @Option(help: ArgumentHelp("The upstream: a URL (e.g. roleplay serve's) or 'aws' for AWS's endpoints.", valueName: "url"))
        var upstream: String

        @Option(help: "The port to listen on; 0 picks a free one (printed on the first line).")
        var listen: UInt16 = 4591

        @Option(help: "The address to listen on (loopback by default: the recorder signs with upstream credentials).")
        var host = "127.0.0.1"

        @Option(help: ArgumentHelp("The transcript file to write.", valueName: "file"))
        var out: String

        @Option(help: ArgumentHelp("The AWS profile whose credentials stand for every account root upstream.", valueName: "name"))
        var upstreamProfile: String?

        func run() throws {
            // Blocked before any server thread exists, so only `SignalWaiter` receives them.
            let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
            let endpoints: EndpointResolver
            do {
                endpoints = upstream == "aws" ? .aws : try .custom(upstream)
            } catch {
                throw ValidationError("--upstream: \(error)")
            }
            let roots = try rootCredentials()
            let recorder = Recorder(
                configuration: Recorder.Configuration(
                    upstream: endpoints, rootCredentials: roots, outputPath: out,
                    log: { FileHandle.standardError.write(Data("\($0)\n".utf8)) }),
                host: host, port: listen)
            let address: String
            do {
                address = try recorder.start().description
            } catch {
                throw ValidationError("cannot record: \(error)")
            }
            // The recorder signs whatever reaches it with the upstream credentials: say so when others can reach it.
            if let exposure = BindExposure.warning(
                host: host, isLoopback: ServerConfiguration(host: host).isLoopback, adminProtected: nil)
            {
                FileHandle.standardError.write(Data("roleplay: warning: \(exposure)\n".utf8))
            }
            FileHandle.standardOutput.write(Data("listening on \(address)\n".utf8))
            let received = signals.wait()
            recorder.stop()
            FileHandle.standardError.write(
                Data(
                    "received \(received == SIGINT ? "SIGINT" : "SIGTERM"): \(recorder.transcript.exchanges.count) exchanges in \(out)\n"
                        .utf8))
        }

        /// The emulator's convention, unless a profile (or, for AWS, the default profile) stands for the roots.
        private func rootCredentials() throws -> UpstreamCredentials {
            guard upstreamProfile != nil || upstream == "aws" else { return .emulator }
            let provider = ProfileCredentialsProvider(profile: upstreamProfile)
            let result = AsyncBridge.wait { () async -> Result<AWSCredentials, any Error> in
                do { return .success(try await provider.credentials()) } catch { return .failure(error) }
            }
            do {
                return .fixed(try result.get().credentials)
            } catch {
                throw ValidationError("--upstream-profile \(provider.profile): \(error)")
            }
        }
    }
}
