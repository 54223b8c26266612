/// The query protocol's response envelopes (spec §3.1), for STS and IAM.
///
/// boto3 reads `<{Op}Result>` by name and crashes with `KeyError` when an operation with an output shape
/// omits it, even an empty one (`<UpdateRoleResult/>`); operations without an output shape send only
/// `<ResponseMetadata>`. The request ID goes both in the body (boto3 reads it there) and in `x-amzn-RequestId`.
public enum QueryEnvelope {
    /// `https://sts.amazonaws.com/doc/2011-06-15/`
    public static let stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
    /// `https://iam.amazonaws.com/doc/2010-05-08/`
    public static let iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"
    /// The query protocol's content type (AWS sends no charset).
    public static let contentType = "text/xml"

    /// What goes between `<{Op}Response>` and `<ResponseMetadata>`.
    public enum Result {
        /// The operation has no output shape: no `<{Op}Result>` element at all.
        case none
        /// The operation has an output shape; the closure writes its members (possibly none, giving `<{Op}Result/>`).
        case members((inout XMLWriter) -> Void)
    }

    /// The success document `<{Op}Response xmlns="…"><{Op}Result>…</{Op}Result><ResponseMetadata>…`, UTF-8.
    public static func successBytes(operation: String, namespace: String, requestID: String, result: Result)
        -> [UInt8]
    {
        var writer = XMLWriter()
        writer.element(operation + "Response", attributes: [("xmlns", namespace)]) { w in
            if case .members(let body) = result {
                w.element(operation + "Result", body)
            }
            w.element("ResponseMetadata") { w in w.element("RequestId", text: requestID) }
        }
        return writer.bytes
    }

    /// ``successBytes(operation:namespace:requestID:result:)`` as text.
    public static func successDocument(operation: String, namespace: String, requestID: String, result: Result)
        -> String
    {
        String(decoding: successBytes(operation: operation, namespace: namespace, requestID: requestID, result: result), as: UTF8.self)
    }

    /// A 200 response carrying ``successBytes(operation:namespace:requestID:result:)``.
    public static func success(operation: String, namespace: String, requestID: String, result: Result) -> HTTPResponse
    {
        HTTPResponse(
            status: 200, headers: [HTTPField("Content-Type", contentType), HTTPField("x-amzn-RequestId", requestID)],
            bytes: successBytes(operation: operation, namespace: namespace, requestID: requestID, result: result))
    }
}
