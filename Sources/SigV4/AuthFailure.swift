/// Why a request failed authentication, independent of the protocol that reports it.
///
/// `wireError(for:)` gives the code, HTTP status and message each protocol uses (aws-wire-facts §2.3–2.4):
/// STS/IAM (query), CloudTrail (JSON 1.1) and Bedrock (rest-json) name the same failure differently. This is
/// the project's one table of authentication errors; the emulator turns its answer into an `AWSError`.
public enum AuthFailure: Error, Sendable, Hashable {
    /// No `Authorization` header and no presigned query parameters.
    case missingAuthentication
    /// The `Authorization` header or presigned query is malformed; the message says which part.
    case incompleteSignature(String)
    /// The access key is not known (or the session token does not belong to it).
    case unknownAccessKey(String)
    /// The session token of temporary credentials has expired. The verifier cannot tell (expiry lives with
    /// the identity that issued the token); the emulator's identity layer raises it, and it is listed here so
    /// every authentication failure maps to the wire through this one table.
    case expiredToken
    /// The signature does not match the server's. Carries the server's stages, so the mismatch can be
    /// explained (`roleplay verify`, the emulator's decision log); the wire message never includes them.
    case signatureMismatch(canonicalRequest: String, stringToSign: String)
    /// The signature is rejected before comparison: wrong scope date or terminator, clock skew, an
    /// expired presigned URL. The message is AWS's wording for that case.
    case signatureRejected(String)

    /// The three wire protocols of the emulated services.
    public enum WireProtocol: Sendable, Hashable {
        case query, json, restJSON
    }

    /// Code, HTTP status and message as AWS returns them over `wireProtocol`.
    public func wireError(for wireProtocol: WireProtocol) -> (code: String, status: Int, message: String) {
        let restStatus = 403
        switch self {
        case .missingAuthentication:
            switch wireProtocol {
            case .query: return ("MissingAuthenticationToken", 403, "Request is missing Authentication Token")
            case .json: return ("MissingAuthenticationTokenException", 400, "Missing Authentication Token")
            case .restJSON: return ("MissingAuthenticationTokenException", restStatus, "Missing Authentication Token")
            }
        case .incompleteSignature(let message):
            switch wireProtocol {
            case .query: return ("IncompleteSignature", 400, message)
            case .json: return ("IncompleteSignatureException", 400, message)
            case .restJSON: return ("IncompleteSignatureException", restStatus, message)
            }
        case .unknownAccessKey:
            let message = "The security token included in the request is invalid."
            switch wireProtocol {
            case .query: return ("InvalidClientTokenId", 403, message)
            case .json: return ("UnrecognizedClientException", 400, message)
            case .restJSON: return ("UnrecognizedClientException", restStatus, message)
            }
        case .expiredToken:
            let message = "The security token included in the request is expired"
            switch wireProtocol {
            case .query: return ("ExpiredToken", 403, message)
            case .json: return ("ExpiredTokenException", 400, message)
            case .restJSON: return ("ExpiredTokenException", restStatus, message)
            }
        case .signatureMismatch:
            return Self.signatureError(wireProtocol, Self.mismatchMessage)
        case .signatureRejected(let message):
            return Self.signatureError(wireProtocol, message)
        }
    }

    static let mismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
        + "Access Key and signing method. Consult the service documentation for details."

    static func signatureError(_ p: WireProtocol, _ message: String) -> (code: String, status: Int, message: String) {
        switch p {
        case .query: ("SignatureDoesNotMatch", 403, message)
        case .json: ("InvalidSignatureException", 400, message)
        case .restJSON: ("InvalidSignatureException", 403, message)
        }
    }
}
