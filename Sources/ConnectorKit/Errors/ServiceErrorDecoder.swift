internal import AWSWire

/// Reads an error response in the service's protocol (botocore's `parsers.py` rules for each).
enum ServiceErrorDecoder {
    static func decode(
        service: AWSService, operation: String, status: Int, headers: [HTTPField], body: [UInt8]
    ) -> ServiceError {
        let headerRequestID = headers.value(named: "x-amzn-RequestId") ?? headers.value(named: "x-amz-request-id")
        var code: String?
        var message: String?
        var requestID = headerRequestID
        switch service.wireProtocol {
        case .query:
            // <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
            if let root = try? XMLReader(maxBytes: 1 << 20).parse(body) {
                let error = root.child("Error") ?? root.element(at: "Errors/Error")
                code = error?.value(at: "Code")
                message = error?.value(at: "Message")
                requestID = requestID ?? root.value(at: "RequestId") ?? root.value(at: "RequestID")
            }
        case .json, .restJSON:
            // `x-amzn-ErrorType: Code:http://…` wins over the body's `__type` / `code`; the message is `message`
            // or `Message` (Bedrock writes one, IAM-style denials the other).
            let object = try? JSONReader(limits: .init(maxBytes: 1 << 20, maxDepth: 32, maxStringBytes: 1 << 20))
                .decode(body)
            code = headers.value(named: "x-amzn-ErrorType").map(trimmed)
                ?? (object?["__type"]?.stringValue ?? object?["code"]?.stringValue).map(trimmed)
            message = object?["message"]?.stringValue ?? object?["Message"]?.stringValue
        }
        return ServiceError(
            service: service, operation: operation, code: code ?? fallbackCode(status), message: message ?? "",
            status: status, requestID: requestID)
    }

    /// `ns#Code` and `Code:http://…` both name `Code`.
    static func trimmed(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return String(code)
    }

    /// What botocore calls an error without a code: its HTTP status as text.
    static func fallbackCode(_ status: Int) -> String { String(status) }
}
