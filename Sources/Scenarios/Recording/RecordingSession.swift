internal import AWSWire
internal import ConnectorKit
internal import Foundation
internal import SigV4
internal import RoleplaySync
internal import Synchronization

/// The recorder's state and its handling of one request: who signed it, re-signing for the upstream,
/// forwarding, and appending the exchange to the transcript.
///
/// Exchanges are handled one at a time (under the state's lock, the upstream call included): the transcript's
/// order is then the order the upstream saw, and exchange N's number is known before it is sent. A connector's
/// calls are sequential, so nothing is lost by it.
final class RecordingSession: Sendable {
    struct State {
        var transcript = Transcript()
        /// Access key → the reference and the live credentials, for keys minted by earlier responses.
        var minted: [String: (reference: CredentialReference, credentials: Credentials)] = [:]
    }

    let configuration: Recorder.Configuration
    private let state = Locked(State())

    init(configuration: Recorder.Configuration) { self.configuration = configuration }

    var transcript: Transcript { state.withLock { $0.transcript } }

    /// Response headers kept in the transcript; the rest belong to one connection or one moment.
    static let keptResponseHeaders: Set<String> = [
        "content-type", "x-amzn-requestid", "x-amz-request-id", "x-amzn-errortype",
    ]
    /// Response headers the server sets itself when passing the answer back.
    static let framingHeaders: Set<String> = ["content-length", "transfer-encoding", "connection", "keep-alive"]

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        state.withLock { state in handle(request, state: &state) }
    }

    private func handle(_ request: HTTPRequest, state: inout State) -> HTTPResponse {
        let signature = request.header("Authorization").flatMap(ClientSignature.init(authorization:))
        let identity = OperationIdentity.identify(
            method: request.method, target: request.target, headers: request.headers, body: request.body,
            scopeService: signature?.service)
        var reference: CredentialReference?
        var credentials: Credentials?
        if let signature {
            if let minted = state.minted[signature.accessKeyID] {
                (reference, credentials) = (minted.reference, minted.credentials)
            } else if CredentialReference.isAccountID(signature.accessKeyID) {
                reference = .root(account: signature.accessKeyID)
                credentials = configuration.rootCredentials.root(signature.accessKeyID)
            }
            guard credentials != nil else {
                return Self.refusal(
                    "the recorder does not know access key \(signature.accessKeyID): use an account root (12 digits) "
                        + "or keys minted by a recorded response")
            }
        }
        guard
            let endpoint = RequestSigning.endpoint(
                configuration.upstream, service: identity.service, region: signature?.region,
                signingRegion: signature?.region)
        else { return Self.refusal("no upstream endpoint for \(identity.service)") }
        let upstream: TransportResponse
        let body: [UInt8]
        do {
            let signed = try RequestSigning.request(
                method: request.method, target: request.target, headers: request.headers, body: request.body,
                endpoint: endpoint, credentials: credentials, region: signature?.region ?? "",
                signingName: signature?.service ?? "", at: configuration.now())
            let transport = configuration.transport
            (upstream, body) = try BlockingWait.run { () async -> Result<(TransportResponse, [UInt8]), any Error> in
                do {
                    let response = try await transport.send(signed)
                    return .success((response, try await response.body.collect()))
                } catch {
                    return .failure(error)
                }
            }.get()
        } catch {
            return HTTPResponse(
                status: 502, headers: [HTTPField("Content-Type", "text/plain")],
                bytes: Array("roleplay recorder: the upstream did not answer: \(error)\n".utf8))
        }
        let number = state.transcript.exchanges.count + 1
        let tree = TranscriptBody.tree(status: upstream.status, headers: upstream.headers, body: body)
        for (path, minted) in MintedCredentials.all(in: tree) {
            state.minted[minted.accessKeyID] = (.minted(exchange: number, path: path), minted)
        }
        state.transcript.exchanges.append(
            Exchange(
                service: identity.service, operation: identity.operation, region: signature?.region, signer: reference,
                request: RecordedRequest(
                    method: request.method, target: request.target,
                    headers: RequestSigning.contentHeaders(request.headers), body: request.body),
                response: RecordedResponse(
                    status: upstream.status,
                    error: TranscriptBody.errorCode(status: upstream.status, headers: upstream.headers, tree: tree),
                    headers: upstream.headers.filter { Self.keptResponseHeaders.contains($0.name.lowercased()) },
                    body: tree.map(SecretMasking.masked))))
        save(state.transcript)
        return HTTPResponse(
            status: upstream.status,
            headers: upstream.headers.filter { !Self.framingHeaders.contains($0.name.lowercased()) }, bytes: body)
    }

    /// Written after every exchange, so a recorder that is killed loses nothing already answered.
    func save(_ transcript: Transcript) {
        guard let path = configuration.outputPath else { return }
        do {
            try transcript.write(to: path)
        } catch {
            configuration.log("cannot write \(path): \(error)")
        }
    }

    /// A 403 the client sees as an AWS error, without any upstream call (and not recorded).
    private static func refusal(_ message: String) -> HTTPResponse {
        let body = JSONValue.object([
            JSONMember("__type", .string("RecorderRefused")), JSONMember("message", .string(message)),
        ])
        return HTTPResponse(
            status: 403, headers: [HTTPField("Content-Type", "application/json"), HTTPField("x-amzn-ErrorType", "RecorderRefused")],
            bytes: JSONWriter.bytes(body))
    }
}
