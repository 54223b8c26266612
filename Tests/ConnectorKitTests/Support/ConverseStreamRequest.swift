import ConnectorKit

/// A raw Bedrock Runtime `ConverseStream` call (no typed client needed): a model whose ID has a `:` in it and
/// that runs on demand in us-east-1 (docs/bedrock-runtime.md).
enum ConverseStreamRequest {
    static let novaMicro = ServiceRequest.rest(
        "ConverseStream", method: "POST", path: "/model/{modelId}/converse-stream",
        labels: ["modelId": "amazon.nova-micro-v1:0"],
        body: Array(
            #"{"messages":[{"role":"user","content":[{"text":"Say hello in a few words, please."}]}],"inferenceConfig":{"maxTokens":200}}"#
                .utf8))
}
