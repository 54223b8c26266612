internal import AWSWire
public import ConnectorKit
public import Foundation
internal import SigV4

/// `roleplay scenario replay`: sends a transcript's requests again, in order, to another endpoint, and reports
/// every way the answers differ from the recorded ones.
///
/// Each request is signed anew: `root:ACCOUNT` with the account's root credentials, `minted:N.PATH` with the
/// credentials the *replay's* exchange N returned. Values the recorded upstream generated and a later request
/// names (an access key ID, a role's ARN) are re-bound to the replay's (`Bindings`). Responses are compared after
/// `Normaliser`, so only behaviour shows.
public struct Replayer: Sendable {
    public var endpoints: EndpointResolver
    public var rootCredentials: UpstreamCredentials
    public var transport: any Transport
    public var now: @Sendable () -> Date

    public init(
        endpoints: EndpointResolver, rootCredentials: UpstreamCredentials = .emulator,
        transport: any Transport = URLSessionTransport(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoints = endpoints
        self.rootCredentials = rootCredentials
        self.transport = transport
        self.now = now
    }

    /// Every difference, in exchange order; empty when the replay behaved as recorded.
    public func replay(_ transcript: Transcript) async -> [Difference] {
        var trees: [Int: JSONValue] = [:]
        var bindings = Bindings()
        var differences: [Difference] = []
        for (index, exchange) in transcript.exchanges.enumerated() {
            let number = index + 1
            func difference(_ path: String, _ recorded: String, _ replayed: String) -> Difference {
                Difference(exchange: number, label: exchange.label, path: path, recorded: recorded, replayed: replayed)
            }
            var credentials: Credentials?
            switch exchange.signer {
            case nil: break
            case .root(let account): credentials = rootCredentials.root(account)
            case .minted(let source, let path): credentials = MintedCredentials.at(path, in: trees[source])
            }
            if let signer = exchange.signer, credentials == nil {
                differences.append(difference("signer", signer.description, "no such credentials in this replay; not sent"))
                continue
            }
            guard
                let endpoint = RequestSigning.endpoint(
                    endpoints, service: exchange.service, region: exchange.region, signingRegion: exchange.region)
            else {
                differences.append(difference("response", "status \(exchange.response.status)", "no endpoint; not sent"))
                continue
            }
            let status: Int
            let headers: [HTTPField]
            let body: [UInt8]
            do {
                let request = try RequestSigning.request(
                    method: exchange.request.method, target: bindings.apply(exchange.request.target),
                    headers: exchange.request.headers,
                    body: bindings.apply(exchange.request.body),
                    endpoint: endpoint, credentials: credentials, region: exchange.region ?? "",
                    signingName: AWSService(rawValue: exchange.service)?.signingName ?? exchange.service, at: now())
                let response = try await transport.send(request)
                (status, headers, body) = (response.status, response.headers, try await response.body.collect())
            } catch {
                differences.append(difference("response", "status \(exchange.response.status)", "none: \(error)"))
                continue
            }
            let tree = TranscriptBody.tree(status: status, headers: headers, body: body)
            trees[number] = tree
            bindings.learn(recorded: exchange.response.body, replayed: tree)
            let replayed = RecordedResponse(
                status: status, error: TranscriptBody.errorCode(status: status, headers: headers, tree: tree),
                headers: headers, body: tree.map(SecretMasking.masked))
            differences += ResponseComparison.differences(
                exchange: number, label: exchange.label, recorded: exchange.response, replayed: replayed)
        }
        return differences
    }
}
