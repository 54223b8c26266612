/// Every operation the emulator serves, by service and name.
enum ServiceRegistry {
    static let operations: [Service: [String: Operation]] = [
        .sts: index(STSOperations.all),
        .iam: index(IAMOperations.all),
        .bedrock: index(BedrockOperations.all),
        .bedrockRuntime: index(BedrockRuntimeOperations.all),
        .cloudTrail: index(CloudTrailOperations.all),
    ]

    static func operation(_ service: Service, _ name: String) -> Operation? { operations[service]?[name] }

    private static func index(_ list: [Operation]) -> [String: Operation] {
        Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
