/// Bedrock Runtime's operations (spec §7).
enum BedrockRuntimeOperations {
    static let all: [Operation] = []
}
