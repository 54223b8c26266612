internal import Foundation

/// What the recorder reads from the client's `Authorization` header: the access key that signed and the
/// credential scope's region and service. The signature itself is not checked (docs/record-replay.md: the
/// recorder re-signs every request, so it only needs to know *who* the client meant to be).
struct ClientSignature: Sendable, Hashable {
    var accessKeyID: String
    var region: String
    var service: String

    /// From `AWS4-HMAC-SHA256 Credential=AKID/20250115/us-east-1/sts/aws4_request, SignedHeaders=…, Signature=…`.
    init?(authorization: String) {
        guard let start = authorization.range(of: "Credential=") else { return nil }
        let credential = authorization[start.upperBound...].prefix { $0 != "," && $0 != " " }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, !parts[0].isEmpty, !parts[2].isEmpty, !parts[3].isEmpty else { return nil }
        accessKeyID = String(parts[0])
        region = String(parts[2])
        service = String(parts[3])
    }
}
