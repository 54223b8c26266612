/// The AWS services a connector calls, with what signing, routing and error decoding need to know of each.
public enum AWSService: String, Sendable, Hashable, CaseIterable {
    case sts
    case iam
    case bedrock
    case bedrockRuntime = "bedrock-runtime"
    case cloudTrail = "cloudtrail"

    /// The protocol the service speaks on the wire (botocore's `metadata.protocol`).
    public enum WireProtocol: Sendable, Hashable {
        /// Form-encoded `Action=…` requests, XML responses (STS, IAM).
        case query
        /// `X-Amz-Target` JSON 1.1 (CloudTrail).
        case json
        /// REST paths with JSON bodies (Bedrock, Bedrock Runtime).
        case restJSON
    }

    /// The service name in the credential scope: Bedrock Runtime signs as `bedrock` (botocore's `signingName`).
    public var signingName: String {
        switch self {
        case .bedrockRuntime: "bedrock"
        default: rawValue
        }
    }

    /// The first label of the service's AWS host name (`bedrock-runtime.us-east-1.amazonaws.com`).
    public var endpointPrefix: String { rawValue }

    public var wireProtocol: WireProtocol {
        switch self {
        case .sts, .iam: .query
        case .cloudTrail: .json
        case .bedrock, .bedrockRuntime: .restJSON
        }
    }
}
