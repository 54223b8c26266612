internal import AWSWire
internal import ConnectorKit
internal import ConnectorKitEmulator
internal import Emulator

/// Where one scenario's calls go: a fresh in-process `Emulator` (no socket) or an endpoint URL, and the admin
/// API (`/_roleplay/…`) of either.
struct RunBackend: Sendable {
    let transport: any Transport
    let endpoints: EndpointResolver
    let region: String
    /// The in-process emulator; nil against an endpoint.
    let emulator: Emulator?

    /// An admin call that did not answer 2xx, or a server that has no admin API.
    struct AdminFailure: Error {
        var status: Int
        var message: String
    }

    /// A new emulator configured as the scenario asks: its seed (or the run's override) and in-process settings.
    static func inProcess(_ scenario: Scenario, seed: UInt64?) -> RunBackend {
        let configuration = scenario.emulator.configuration(seed: seed ?? scenario.seed)
        let emulator = Emulator(configuration: configuration)
        // Every service at one made-up URL: the emulator answers whatever `Host` says.
        let endpoints = (try? EndpointResolver.custom("http://roleplay.localhost")) ?? .aws
        return RunBackend(
            transport: EmulatorTransport(emulator), endpoints: endpoints, region: scenario.region, emulator: emulator)
    }

    static func endpoint(_ url: String, region: String) throws(EndpointURL.Invalid) -> RunBackend {
        RunBackend(
            transport: URLSessionTransport(), endpoints: try .custom(url), region: region, emulator: nil)
    }

    /// `METHOD /_roleplay/PATH` with a JSON body; the answer's JSON.
    /// - Throws: `AdminFailure` for a non-2xx answer (its `message`), `TransportError` when none came.
    func admin(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        let bytes = body.map(JSONWriter.bytes) ?? []
        let target = "/_roleplay" + path
        let headers = [HTTPField("Content-Type", "application/json")]
        let status: Int
        let answer: [UInt8]
        if let emulator {
            let response = emulator.handle(HTTPRequest(method: method, target: target, headers: headers, body: bytes))
            status = response.status
            guard case .bytes(let body) = response.body else {
                throw AdminFailure(status: status, message: "the admin API answered with a stream")
            }
            answer = body
        } else {
            let endpoint = endpoints.endpoint(for: .sts, region: region)
            let response = try await transport.send(
                TransportRequest(
                    endpoint: endpoint, method: method, target: endpoint.basePath + target,
                    headers: [HTTPField("Host", endpoint.hostHeader)] + headers, body: bytes))
            status = response.status
            answer = try await response.body.collect(limit: 1 << 20)
        }
        let json = (try? JSONReader().decode(answer)) ?? .null
        guard (200..<300).contains(status) else {
            let message = json["message"]?.stringValue ?? String(decoding: answer.prefix(200), as: UTF8.self)
            throw AdminFailure(status: status, message: message)
        }
        return json
    }

    /// Whether the target is the emulator (in process, or an endpoint whose `/_roleplay/health` answers): only
    /// there do `{root: …}` actors have keys.
    func isEmulator() async -> Bool {
        if emulator != nil { return true }
        return (try? await admin("GET", "/health"))?["status"]?.stringValue == "ok"
    }
}
