public import AWSWire
import SigV4

/// The AWS services behind the one endpoint, with what their wire protocol needs.
public enum Service: String, Sendable, Hashable, CaseIterable {
    case sts
    case iam
    case bedrock
    case bedrockRuntime = "bedrock-runtime"
    case cloudTrail = "cloudtrail"

    public var wireProtocol: WireProtocol {
        switch self {
        case .sts, .iam: .query
        case .cloudTrail: .json
        case .bedrock, .bedrockRuntime: .restJSON
        }
    }

    /// The query protocol's XML namespace (STS and IAM); empty for the others.
    public var namespace: String {
        switch self {
        case .sts: QueryEnvelope.stsNamespace
        case .iam: QueryEnvelope.iamNamespace
        default: ""
        }
    }

    /// The query protocol's `Version` (spec §1.1).
    var queryVersion: String? {
        switch self {
        case .sts: "2011-06-15"
        case .iam: "2010-05-08"
        default: nil
        }
    }

    /// `AuthFailure`'s name for the protocol, to pick the wire error.
    var authProtocol: AuthFailure.WireProtocol {
        switch wireProtocol {
        case .query: .query
        case .json: .json
        case .restJSON: .restJSON
        }
    }
}
