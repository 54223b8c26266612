/// The rest-json operations the emulator serves, placed as botocore's `bedrock` (2023-04-20) and
/// `bedrock-runtime` (2023-09-30) service models place them.
enum BedrockOperationTable {
    static let bedrock: [String: RestOperation] = index([
        RestOperation(
            name: "ListFoundationModels", method: "GET", path: "/foundation-models",
            query: [
                "byProvider": "byProvider", "byCustomizationType": "byCustomizationType",
                "byOutputModality": "byOutputModality", "byInferenceType": "byInferenceType",
            ]),
        RestOperation(
            name: "GetFoundationModel", method: "GET", path: "/foundation-models/{modelIdentifier}",
            labels: ["modelIdentifier"]),
        RestOperation(
            name: "ListInferenceProfiles", method: "GET", path: "/inference-profiles",
            query: ["maxResults": "maxResults", "nextToken": "nextToken", "typeEquals": "type"]),
        RestOperation(
            name: "GetInferenceProfile", method: "GET", path: "/inference-profiles/{inferenceProfileIdentifier}",
            labels: ["inferenceProfileIdentifier"]),
    ])

    /// InvokeModel's headers; the stream operation names its accept header `X-Amzn-Bedrock-Accept`.
    private static func invokeHeaders(accept: String) -> [String: String] {
        [
            "contentType": "Content-Type", "accept": accept, "trace": "X-Amzn-Bedrock-Trace",
            "guardrailIdentifier": "X-Amzn-Bedrock-GuardrailIdentifier",
            "guardrailVersion": "X-Amzn-Bedrock-GuardrailVersion",
            "performanceConfigLatency": "X-Amzn-Bedrock-PerformanceConfig-Latency",
            "serviceTier": "X-Amzn-Bedrock-Service-Tier",
        ]
    }

    static let bedrockRuntime: [String: RestOperation] = index([
        RestOperation(
            name: "InvokeModel", method: "POST", path: "/model/{modelId}/invoke", labels: ["modelId"],
            headers: invokeHeaders(accept: "Accept"), payload: .raw("body")),
        RestOperation(
            name: "InvokeModelWithResponseStream", method: "POST", path: "/model/{modelId}/invoke-with-response-stream",
            labels: ["modelId"], headers: invokeHeaders(accept: "X-Amzn-Bedrock-Accept"), payload: .raw("body")),
        RestOperation(
            name: "Converse", method: "POST", path: "/model/{modelId}/converse", labels: ["modelId"],
            payload: .members),
        RestOperation(
            name: "ConverseStream", method: "POST", path: "/model/{modelId}/converse-stream", labels: ["modelId"],
            payload: .members),
    ])

    /// The operations whose answer is an event stream.
    static let streaming: Set<String> = ["InvokeModelWithResponseStream", "ConverseStream"]

    private static func index(_ operations: [RestOperation]) -> [String: RestOperation] {
        Dictionary(uniqueKeysWithValues: operations.map { ($0.name, $0) })
    }
}
