/// Success responses for the two JSON protocols (spec §3.2, §3.3).
///
/// JSON 1.1 answers `{}` when the output is empty; both send `x-amzn-RequestId` because that is where boto3
/// and the other SDKs read the request ID for these protocols (§3.4).
public enum JSONEnvelope {
    /// awsJson1_1 (CloudTrail).
    public static let json11ContentType = "application/x-amz-json-1.1"
    /// restJson1 (Bedrock, Bedrock Runtime).
    public static let restJSONContentType = "application/json"

    /// A JSON 1.1 success: 200, `application/x-amz-json-1.1`, the body (`{}` when nil).
    public static func json11Success(_ body: JSONValue?, requestID: String) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: [HTTPField("Content-Type", json11ContentType), HTTPField("x-amzn-RequestId", requestID)],
            bytes: JSONWriter.bytes(body ?? .object([])))
    }

    /// A rest-json success: `application/json` and the body, with any extra headers the operation binds
    /// (e.g. `X-Amzn-Bedrock-Content-Type`).
    public static func restJSONSuccess(
        _ body: JSONValue, requestID: String, status: Int = 200, extraHeaders: [HTTPField] = []
    ) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [HTTPField("Content-Type", restJSONContentType), HTTPField("x-amzn-RequestId", requestID)]
                + extraHeaders,
            bytes: JSONWriter.bytes(body))
    }
}
