/// Bedrock's control-plane operations (spec §6).
enum BedrockOperations {
    static let all: [Operation] = []
}
