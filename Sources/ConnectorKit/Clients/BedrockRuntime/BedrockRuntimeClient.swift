internal import AWSWire

/// Amazon Bedrock Runtime: calls a model, whole or streamed. Signs as `bedrock`, as AWS requires.
public struct BedrockRuntimeClient: Sendable {
    let client: AWSClient

    public init(region: String, credentials: any CredentialsProvider, configuration: ClientConfiguration) {
        client = AWSClient(
            service: .bedrockRuntime, region: region, credentials: credentials, configuration: configuration)
    }

    /// Calls a model with its family's native body (an Anthropic Messages request, Nova's, Titan's…).
    /// - Throws: `ServiceError` (`ValidationException` for a malformed body or a model that needs an inference
    ///   profile, `AccessDeniedException`, `ThrottlingException`…).
    public func invokeModel(
        modelID: String, body: [UInt8], contentType: String = "application/json", accept: String = "application/json"
    ) async throws -> InvokeModelResponse {
        let response = try await client.send(
            .rest(
                "InvokeModel", method: "POST", path: "/model/{modelId}/invoke", labels: ["modelId": modelID],
                headers: [HTTPField("Content-Type", contentType), HTTPField("Accept", accept)], body: body))
        return InvokeModelResponse(
            body: response.body, contentType: response.header("Content-Type") ?? contentType,
            inputTokenCount: response.header("X-Amzn-Bedrock-Input-Token-Count").flatMap { Int($0) },
            outputTokenCount: response.header("X-Amzn-Bedrock-Output-Token-Count").flatMap { Int($0) },
            invocationLatencyMs: response.header("X-Amzn-Bedrock-Invocation-Latency").flatMap { Int($0) },
            requestID: response.requestID)
    }

    /// Calls a model with its native body and returns once the stream starts; the chunks arrive as the
    /// returned sequence is iterated. Errors found before streaming are thrown here, later ones by the sequence.
    public func invokeModelWithResponseStream(
        modelID: String, body: [UInt8], contentType: String = "application/json", accept: String = "application/json"
    ) async throws -> InvokeModelStream {
        let operation = "InvokeModelWithResponseStream"
        // The stream operation's accept member travels as `X-Amzn-Bedrock-Accept`, not `Accept` (spec §7.3).
        let response = try await client.open(
            .rest(
                operation, method: "POST", path: "/model/{modelId}/invoke-with-response-stream",
                labels: ["modelId": modelID],
                headers: [HTTPField("Content-Type", contentType), HTTPField("X-Amzn-Bedrock-Accept", accept)],
                body: body))
        return InvokeModelStream(
            events: events(response, operation: operation),
            contentType: response.header("X-Amzn-Bedrock-Content-Type"))
    }

    /// One conversation turn in Converse's model-independent shape.
    public func converse(_ request: ConverseRequest) async throws -> ConverseResponse {
        let operation = "Converse"
        let response = try await client.send(
            .rest(
                operation, method: "POST", path: "/model/{modelId}/converse", labels: ["modelId": request.modelID],
                body: JSONWriter.bytes(request.json)))
        let reader = ResponseReader(service: .bedrockRuntime, operation: operation)
        return try ConverseResponse(json: try reader.object(response.body), requestID: response.requestID, reader)
    }

    /// Converse, streamed: returns once the stream starts; events arrive as the sequence is iterated.
    public func converseStream(_ request: ConverseRequest) async throws -> ConverseStream {
        let operation = "ConverseStream"
        let response = try await client.open(
            .rest(
                operation, method: "POST", path: "/model/{modelId}/converse-stream",
                labels: ["modelId": request.modelID], body: JSONWriter.bytes(request.json)))
        return ConverseStream(events: events(response, operation: operation))
    }

    func events(_ response: TransportResponse, operation: String) -> EventStreamEvents {
        EventStreamEvents(
            body: response.body, service: .bedrockRuntime, operation: operation,
            requestID: response.header("x-amzn-RequestId"))
    }
}
