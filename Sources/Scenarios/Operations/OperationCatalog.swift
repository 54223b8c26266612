public import AWSWire
public import ConnectorKit

/// Every operation the emulator serves, and how a scenario's `with:` map becomes that operation's request:
/// awsQuery for STS and IAM, rest-json for Bedrock and Bedrock Runtime, JSON 1.1 for CloudTrail.
///
/// Parameters are named as in the AWS API reference (botocore's input shapes), so a step reads like the boto3
/// call it stands for.
public enum OperationCatalog {
    /// `sts`, `iam`, `bedrock`, `bedrock-runtime`, `cloudtrail`.
    public static let services: [String] = AWSService.allCases.map(\.rawValue)

    public static func contains(service: String, operation: String) -> Bool {
        switch AWSService(rawValue: service) {
        case .sts: QueryOperationTable.sts.contains(operation)
        case .iam: QueryOperationTable.iam.contains(operation)
        case .bedrock: BedrockOperationTable.bedrock[operation] != nil
        case .bedrockRuntime: BedrockOperationTable.bedrockRuntime[operation] != nil
        case .cloudTrail: CloudTrailRequest.operations.contains(operation)
        case nil: false
        }
    }

    /// The operation's names in one service, sorted (for "did you mean" style messages and tests).
    public static func operations(of service: String) -> [String] {
        switch AWSService(rawValue: service) {
        case .sts: QueryOperationTable.sts.sorted()
        case .iam: QueryOperationTable.iam.sorted()
        case .bedrock: BedrockOperationTable.bedrock.keys.sorted()
        case .bedrockRuntime: BedrockOperationTable.bedrockRuntime.keys.sorted()
        case .cloudTrail: CloudTrailRequest.operations.sorted()
        case nil: []
        }
    }

    /// Whether the operation answers with an event stream (read event by event, not as one body).
    public static func isStreaming(service: String, operation: String) -> Bool {
        service == AWSService.bedrockRuntime.rawValue && BedrockOperationTable.streaming.contains(operation)
    }

    /// The unsigned request for `operation` with `parameters` (a map of member names, templates already
    /// substituted).
    /// - Throws: `OperationEncodingError` for an operation not served or parameters that have no place.
    public static func request(
        service: String, operation: String, parameters: JSONValue
    ) throws(OperationEncodingError) -> ServiceRequest {
        let title = "\(service).\(operation)"
        switch AWSService(rawValue: service) {
        case .sts where QueryOperationTable.sts.contains(operation):
            return .query(
                action: operation, version: QueryOperationTable.stsVersion,
                parameters: try QueryFlattening.flatten(parameters, operation: title))
        case .iam where QueryOperationTable.iam.contains(operation):
            return .query(
                action: operation, version: QueryOperationTable.iamVersion,
                parameters: try QueryFlattening.flatten(parameters, operation: title))
        case .bedrock:
            guard let rest = BedrockOperationTable.bedrock[operation] else { break }
            return try rest.request(parameters, service: service)
        case .bedrockRuntime:
            guard let rest = BedrockOperationTable.bedrockRuntime[operation] else { break }
            return try rest.request(parameters, service: service)
        case .cloudTrail where CloudTrailRequest.operations.contains(operation):
            return try CloudTrailRequest.request(operation, parameters)
        default: break
        }
        throw OperationEncodingError("unknown operation \(title)")
    }
}
