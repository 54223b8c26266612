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

    /// The scope's length in bytes, to size buffers exactly.
    var byteCount: Int {
        date.utf8.count + service.utf8.count + Self.terminator.utf8.count + 2
            + (algorithm == .hmacSHA256 ? region.utf8.count + 1 : 0)
    }

    /// Writes the scope's bytes without building a string (the signer's hot path).
    func write(to w: inout ByteWriter) {
        w.append(date)
        w.append(UInt8(ascii: "/"))
        if algorithm == .hmacSHA256 {
            w.append(region)
            w.append(UInt8(ascii: "/"))
        }
        w.append(service)
        w.append(UInt8(ascii: "/"))
        w.append(Self.terminator)
    }

    /// The scope as written in the credential and the string to sign.
    public var description: String {
        switch algorithm {
        case .hmacSHA256: "\(date)/\(region)/\(service)/\(Self.terminator)"
        case .ecdsaP256SHA256: "\(date)/\(service)/\(Self.terminator)"
        }
    }
}
