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
