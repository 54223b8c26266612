/// The AWS partition a region belongs to, by its name's prefix (botocore's `partitions.json` region regexes).
public enum Partition: String, Sendable, Hashable {
    case aws
    case awsCN = "aws-cn"
    case awsUSGov = "aws-us-gov"

    public init(region: String) {
        if region.hasPrefix("cn-") {
            self = .awsCN
        } else if region.hasPrefix("us-gov-") {
            self = .awsUSGov
        } else {
            self = .aws
        }
    }

    public var dnsSuffix: String { self == .awsCN ? "amazonaws.com.cn" : "amazonaws.com" }

    /// IAM is global: one host per partition, signed for the partition's first region.
    var iamHost: String {
        switch self {
        case .aws: "iam.amazonaws.com"
        case .awsCN: "iam.cn-north-1.amazonaws.com.cn"
        case .awsUSGov: "iam.us-gov.amazonaws.com"
        }
    }

    var iamSigningRegion: String {
        switch self {
        case .aws: "us-east-1"
        case .awsCN: "cn-north-1"
        case .awsUSGov: "us-gov-west-1"
        }
    }
}
