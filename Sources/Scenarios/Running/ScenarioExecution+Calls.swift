internal import AWSWire
internal import ConnectorKit
internal import Foundation

extension ScenarioExecution {
    /// An AWS call as `actor`: its parameters substituted, sent once (signed and changed as `options` say), the
    /// answer read as a tree.
    mutating func call(
        service: String, operation: String, actor: String, parameters: JSONValue, options: CallOptions
    ) async throws -> StepResponse {
        let request: ServiceRequest
        do {
            request = try OperationCatalog.request(
                service: service, operation: operation, parameters: try substitute(parameters))
        } catch let error as OperationEncodingError {
            throw StepFailure(error.message)
        }
        guard let awsService = AWSService(rawValue: service) else { throw StepFailure("unknown service \(service)") }
        let credentials = try await credentials(of: actor)
        let client = AWSClient(
            service: awsService, region: scenario.region, credentials: StaticCredentialsProvider(credentials),
            configuration: configuration(for: options))
        return try await Self.send(
            request, with: client, streaming: OperationCatalog.isStreaming(service: service, operation: operation))
    }

    /// The runner's configuration, or for a call signed off the clock one whose `now` is that far off, with an
    /// offset of its own (so what it learns stays with this call) that learns only when `correct: true` asks
    /// ConnectorKit to, and for a tampered call a transport that changes the signed request.
    private func configuration(for options: CallOptions) -> ClientConfiguration {
        var configuration = configuration
        if let skew = options.skewSeconds {
            configuration.now = { Date().addingTimeInterval(TimeInterval(skew)) }
            configuration.clockSkew = ClockSkew(learns: options.correctsSkew)
        }
        if let tamper = options.tamper {
            configuration.transport = TamperingTransport(base: configuration.transport, tamper: tamper)
        }
        return configuration
    }

    /// Sends `request` and reads the whole answer; an AWS error or a connection that failed is the response.
    static func send(_ request: ServiceRequest, with client: AWSClient, streaming: Bool) async throws -> StepResponse {
        do {
            if streaming {
                let response = try await client.open(request)
                var stream = StreamTree(status: response.status)
                for try await chunk in response.body { try stream.append(chunk) }
                if let error = stream.error {
                    return .error(
                        code: error["code"]?.stringValue ?? "", message: error["message"]?.stringValue ?? "",
                        status: response.status)
                }
                return .success(stream.tree)
            }
            let response = try await client.send(request)
            switch client.service.wireProtocol {
            case .query: return .success(try ResponseTree.query(response.body))
            case .json,
                .restJSON where request.operation != "InvokeModel":
                return .success(try ResponseTree.json(response.body))
            case .restJSON: return .success(ResponseTree.invokeModel(response))
            }
        } catch let error as ServiceError {
            return .error(code: error.code, message: error.message, status: error.status)
        } catch let error as TransportError {
            return .error(code: transportCode(error.kind), message: error.detail, status: 0)
        } catch let error as ResponseTree.Unreadable {
            throw StepFailure("\(client.service.rawValue).\(request.operation): \(error.description)")
        }
    }

    /// The code a connection failure is seen by: `ConnectionFailed`, `ConnectionLost` (a stream cut mid-way),
    /// `TimedOut`, `BodyTooLarge`, with status 0 (no HTTP status arrived, or the answer broke off).
    static func transportCode(_ kind: TransportError.Kind) -> String {
        switch kind {
        case .connectionFailed: "ConnectionFailed"
        case .connectionLost: "ConnectionLost"
        case .timedOut: "TimedOut"
        case .bodyTooLarge: "BodyTooLarge"
        }
    }
}
