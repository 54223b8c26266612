/// The credential scope: `date/region/service/aws4_request` (SigV4) or `date/service/aws4_request` (SigV4a).
///
/// It binds a signature to one day, one region (or none, for SigV4a) and one signing name, and it selects
/// the derived signing key.
public struct CredentialScope: Sendable, Hashable, CustomStringConvertible {
    /// `yyyymmdd`.
    public var date: String
    /// The region for SigV4; empty for SigV4a, whose regions travel in `X-Amz-Region-Set`.
    public var region: String
    /// The signing name (`sts`, `iam`, `bedrock`, `cloudtrail`…), not always the endpoint prefix.
    public var service: String
    public var algorithm: SigningAlgorithm

    public init(date: String, region: String, service: String, algorithm: SigningAlgorithm = .hmacSHA256) {
        self.date = date
        self.region = region
        self.service = service
        self.algorithm = algorithm
    }

    /// The fixed last element of every scope.
    public static let terminator = "aws4_request"

    /// Appends the scope's bytes without building a string (the signer's hot path).
    func append(to out: inout [UInt8]) {
        out += date.utf8
        out.append(UInt8(ascii: "/"))
        if algorithm == .hmacSHA256 {
            out += region.utf8
            out.append(UInt8(ascii: "/"))
        }
        out += service.utf8
        out.append(UInt8(ascii: "/"))
        out += Self.terminator.utf8
    }

    /// The scope as written in the credential and the string to sign.
    public var description: String {
        switch algorithm {
        case .hmacSHA256: "\(date)/\(region)/\(service)/\(Self.terminator)"
        case .ecdsaP256SHA256: "\(date)/\(service)/\(Self.terminator)"
        }
    }
}
