extension AWSError {
    /// The query protocol's error (spec §3.1): `<ErrorResponse xmlns><Error><Type/><Code/><Message/></Error>
    /// <RequestId/></ErrorResponse>`, `Content-Type: text/xml`, `x-amzn-RequestId`.
    ///
    /// `Type` is `Receiver` for 5xx and `Sender` otherwise; boto3 exposes `Error.Code/Message/Type` and reads the
    /// request ID from the body.
    /// - Parameters:
    ///   - namespace: the service's namespace (``QueryEnvelope/stsNamespace``, ``QueryEnvelope/iamNamespace``).
    public func queryResponse(namespace: String, requestID: String) -> HTTPResponse {
        var writer = XMLWriter()
        writer.element("ErrorResponse", attributes: [("xmlns", namespace)]) { w in
            w.element("Error") { w in
                w.element("Type", text: fault.rawValue)
                w.element("Code", text: code.rawValue)
                w.element("Message", text: message)
            }
            w.element("RequestId", text: requestID)
        }
        return HTTPResponse(
            status: httpStatus,
            headers: [HTTPField("Content-Type", QueryEnvelope.contentType), HTTPField("x-amzn-RequestId", requestID)],
            bytes: writer.bytes)
    }

    /// The JSON 1.1 error (spec §3.2, §9.4 item 4): body `{"__type":"Code","Message":"…"}`, headers
    /// `Content-Type: application/x-amz-json-1.1`, `x-amzn-RequestId` and `x-amzn-ErrorType: Code`.
    ///
    /// `Message` is capitalized because aws-sdk-swift's awsJson decoder reads the message only from `Message`;
    /// boto3 reads the code only from `__type`, Swift from the header first, so both are sent.
    public func jsonResponse(requestID: String) -> HTTPResponse {
        let body: JSONValue = ["__type": .string(code.rawValue), "Message": .string(message)]
        return HTTPResponse(
            status: httpStatus,
            headers: [
                HTTPField("Content-Type", JSONEnvelope.json11ContentType), HTTPField("x-amzn-RequestId", requestID),
                HTTPField("x-amzn-ErrorType", code.rawValue),
            ],
            bytes: JSONWriter.bytes(body))
    }

    /// Which member carries a rest-json error's text.
    public enum RestJSONMessageKey: String, Sendable {
        /// `message`: the modeled member of Bedrock's exceptions (§6.4), the default.
        case lowercase = "message"
        /// `Message`: what IAM-layer authorization denials use (§6.4, §9.4 item 5).
        case capitalized = "Message"
    }

    /// The rest-json error (spec §3.3): header `x-amzn-ErrorType: Code`, body `{"message":"…"}`,
    /// `Content-Type: application/json`, `x-amzn-RequestId`.
    public func restJSONResponse(requestID: String, messageKey: RestJSONMessageKey = .lowercase) -> HTTPResponse {
        let body: JSONValue = .object([JSONMember(messageKey.rawValue, .string(message))])
        return HTTPResponse(
            status: httpStatus,
            headers: [
                HTTPField("Content-Type", JSONEnvelope.restJSONContentType), HTTPField("x-amzn-RequestId", requestID),
                HTTPField("x-amzn-ErrorType", code.rawValue),
            ],
            bytes: JSONWriter.bytes(body))
    }

    /// The error response for `wire`, with each protocol's defaults.
    /// - Parameters:
    ///   - namespace: used by the query protocol only.
    ///   - restJSONMessageKey: used by rest-json only.
    public func response(
        _ wire: WireProtocol, requestID: String, namespace: String, restJSONMessageKey: RestJSONMessageKey = .lowercase
    ) -> HTTPResponse {
        switch wire {
        case .query: return queryResponse(namespace: namespace, requestID: requestID)
        case .json: return jsonResponse(requestID: requestID)
        case .restJSON: return restJSONResponse(requestID: requestID, messageKey: restJSONMessageKey)
        }
    }
}
