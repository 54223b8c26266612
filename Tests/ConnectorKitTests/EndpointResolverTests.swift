import ConnectorKit
import Testing

/// AWS's public endpoints by partition, and the one-URL override the emulator is reached by.
@Suite struct EndpointResolverTests {
    @Test(arguments: [
        (AWSService.sts, "us-east-1", "sts.us-east-1.amazonaws.com", "us-east-1", "sts"),
        (.iam, "eu-west-1", "iam.amazonaws.com", "us-east-1", "iam"),
        (.bedrock, "eu-central-1", "bedrock.eu-central-1.amazonaws.com", "eu-central-1", "bedrock"),
        (.bedrockRuntime, "us-west-2", "bedrock-runtime.us-west-2.amazonaws.com", "us-west-2", "bedrock"),
        (.cloudTrail, "ap-southeast-2", "cloudtrail.ap-southeast-2.amazonaws.com", "ap-southeast-2", "cloudtrail"),
        (.sts, "cn-north-1", "sts.cn-north-1.amazonaws.com.cn", "cn-north-1", "sts"),
        (.iam, "cn-northwest-1", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "iam"),
        (.iam, "us-gov-east-1", "iam.us-gov.amazonaws.com", "us-gov-west-1", "iam"),
        (.bedrockRuntime, "us-gov-west-1", "bedrock-runtime.us-gov-west-1.amazonaws.com", "us-gov-west-1", "bedrock"),
    ])
    func awsEndpoints(service: AWSService, region: String, host: String, signingRegion: String, signingName: String) {
        let endpoint = EndpointResolver.aws.endpoint(for: service, region: region)
        #expect(endpoint.baseURL == "https://\(host)")
        #expect(endpoint.hostHeader == host)
        #expect(endpoint.signingRegion == signingRegion)
        #expect(endpoint.signingName == signingName)
    }

    @Test func oneURLServesEveryServiceAndKeepsTheSigningScope() throws {
        let resolver = try EndpointResolver.custom("http://127.0.0.1:4590/")
        let runtime = resolver.endpoint(for: .bedrockRuntime, region: "eu-west-1")
        #expect(runtime.baseURL == "http://127.0.0.1:4590")
        #expect(runtime.hostHeader == "127.0.0.1:4590")
        #expect(runtime.signingRegion == "eu-west-1")
        #expect(runtime.signingName == "bedrock")
        #expect(resolver.endpoint(for: .iam, region: "eu-west-1").signingRegion == "us-east-1")
        let ipv6 = try EndpointResolver.custom("https://[::1]:8443/base/path").endpoint(for: .sts, region: "us-east-1")
        #expect(ipv6.baseURL == "https://[::1]:8443/base/path")
        #expect(try EndpointResolver.custom("https://example.test:443").endpoint(for: .sts, region: "us-east-1").hostHeader
            == "example.test")
    }

    @Test(arguments: [
        "127.0.0.1:4590", "ftp://host", "http://", "http://host:0", "http://host:70000", "http://host:port",
        "http://host/?q=1", "http://user@host", "http://[::1", "http://host#frag",
    ])
    func badOverridesAreRefused(url: String) {
        #expect(throws: EndpointURL.Invalid.self) { try EndpointResolver.custom(url) }
    }
}
