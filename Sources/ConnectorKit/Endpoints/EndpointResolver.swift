internal import Foundation

/// Finds the endpoint of a service in a region: AWS's public endpoints, or one URL that serves every service
/// (the emulator).
public struct EndpointResolver: Sendable, Hashable {
    /// The override, parsed; nil resolves AWS's endpoints.
    public let override: EndpointURL?

    /// AWS's public endpoints by partition: regional STS, global IAM, `bedrock.REGION`, `bedrock-runtime.REGION`
    /// and `cloudtrail.REGION`.
    public static let aws = EndpointResolver(override: nil)

    /// Every service at one URL, as `roleplay serve` or `--endpoint-url` in the AWS CLI.
    /// - Throws: `EndpointURL.Invalid` for anything but `http(s)://host[:port][/path]`.
    public static func custom(_ url: String) throws(EndpointURL.Invalid) -> EndpointResolver {
        EndpointResolver(override: try EndpointURL(url))
    }

    private init(override: EndpointURL?) { self.override = override }

    public func endpoint(for service: AWSService, region: String) -> Endpoint {
        let partition = Partition(region: region)
        let signingRegion = service == .iam ? partition.iamSigningRegion : region
        if let override {
            return Endpoint(
                scheme: override.scheme, host: override.host, port: override.port, basePath: override.path,
                signingRegion: signingRegion, signingName: service.signingName)
        }
        let host =
            service == .iam
            ? partition.iamHost : "\(service.endpointPrefix).\(region).\(partition.dnsSuffix)"
        return Endpoint(scheme: "https", host: host, signingRegion: signingRegion, signingName: service.signingName)
    }
}

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

/// An `http(s)://host[:port][/path]` URL, checked, without query or fragment.
public struct EndpointURL: Sendable, Hashable {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// Without a trailing `/` (targets start with one).
    public var path: String

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var url: String
        public var reason: String
        public var description: String { "invalid endpoint URL \"\(url)\": \(reason)" }
    }

    public init(_ text: String) throws(Invalid) {
        func invalid(_ reason: String) -> Invalid { Invalid(url: text, reason: reason) }
        guard let schemeEnd = text.range(of: "://") else { throw invalid("expected http:// or https://") }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw invalid("the scheme must be http or https") }
        let rest = text[schemeEnd.upperBound...]
        guard !rest.contains("?"), !rest.contains("#") else { throw invalid("no query or fragment is allowed") }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        while path.hasSuffix("/") { path.removeLast() }
        var host = String(authority)
        var port: Int?
        if authority.hasPrefix("[") {  // [::1]:4590
            guard let close = authority.firstIndex(of: "]") else { throw invalid("unclosed IPv6 address") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let p = Int(after.dropFirst()) else { throw invalid("bad port") }
                port = p
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let p = Int(authority[authority.index(after: colon)...]) else { throw invalid("bad port") }
            port = p
        }
        guard !host.isEmpty, !host.contains("@") else { throw invalid("no host") }
        if let port, !(1...65535).contains(port) { throw invalid("port out of range") }
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
    }
}
