import AWSWire
import Testing

@Suite("Error envelopes per protocol (spec 3.1, 3.2, 3.3)")
struct ErrorResponseTests {
    let requestID = "c6104cbe-af31-11e0-8154-cbc7ccf896c7"

    func body(_ response: HTTPResponse) -> String {
        guard case .bytes(let bytes) = response.body else { return "<stream>" }
        return String(decoding: bytes, as: UTF8.self)
    }

    func header(_ response: HTTPResponse, _ name: String) -> [String] {
        response.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    @Test("query error: ErrorResponse with Type, Code, Message and RequestId, text/xml")
    func queryError() {
        let response = AWSError.noSuchEntity("The role with name Missing cannot be found.")
            .queryResponse(namespace: QueryEnvelope.iamNamespace, requestID: requestID)
        #expect(response.status == 404)
        #expect(header(response, "Content-Type") == ["text/xml"])
        #expect(header(response, "x-amzn-RequestId") == [requestID])
        #expect(
            body(response)
                == #"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name Missing cannot be found.</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>"#
        )
    }

    @Test("query 5xx is a Receiver fault and the message is escaped")
    func queryReceiver() {
        let response = AWSError.internalFailure("a < b & \"c\"").queryResponse(
            namespace: QueryEnvelope.stsNamespace, requestID: "r")
        #expect(response.status == 500)
        #expect(
            body(response)
                == #"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>a &lt; b &amp; &quot;c&quot;</Message></Error><RequestId>r</RequestId></ErrorResponse>"#
        )
    }

    @Test("JSON 1.1 error: __type and Message in the body, x-amzn-ErrorType header")
    func json11Error() {
        let response = AWSError(code: .invalidTimeRangeException, message: "Start time must not be after end time.")
            .jsonResponse(requestID: requestID)
        #expect(response.status == 400)
        #expect(header(response, "Content-Type") == ["application/x-amz-json-1.1"])
        #expect(header(response, "x-amzn-RequestId") == [requestID])
        #expect(header(response, "x-amzn-ErrorType") == ["InvalidTimeRangeException"])
        #expect(
            body(response)
                == #"{"__type":"InvalidTimeRangeException","Message":"Start time must not be after end time."}"#)
    }

    @Test("rest-json error: x-amzn-ErrorType header and lowercase message, or Message for IAM-layer denials")
    func restJSONError() {
        let response = AWSError.validationException(
            "Invocation of model ID x with on-demand throughput isn’t supported."
        )
        .restJSONResponse(requestID: requestID)
        #expect(response.status == 400)
        #expect(header(response, "Content-Type") == ["application/json"])
        #expect(header(response, "x-amzn-ErrorType") == ["ValidationException"])
        #expect(header(response, "x-amzn-RequestId") == [requestID])
        #expect(body(response) == #"{"message":"Invocation of model ID x with on-demand throughput isn’t supported."}"#)
        let denied = AWSError.accessDeniedException("User: u is not authorized")
            .restJSONResponse(requestID: "r", messageKey: .capitalized)
        #expect(denied.status == 403)
        #expect(body(denied) == #"{"Message":"User: u is not authorized"}"#)
    }

    @Test("response(_:) picks the protocol's envelope and the auth status")
    func dispatch() {
        let invalidToken = "The security token included in the request is invalid."
        let invalid = AWSError(code: .unrecognizedClientException, message: invalidToken, httpStatus: 403)
            .response(.restJSON, requestID: "r", namespace: "")
        #expect(invalid.status == 403)
        #expect(header(invalid, "x-amzn-ErrorType") == ["UnrecognizedClientException"])
        let query = AWSError(code: .invalidClientTokenID, message: invalidToken).response(
            .query, requestID: "r", namespace: QueryEnvelope.stsNamespace)
        #expect(body(query).contains("<Code>InvalidClientTokenId</Code>"))
        let json = AWSError(
            code: .expiredTokenException, message: "The security token included in the request is expired", httpStatus: 400
        ).response(.json, requestID: "r", namespace: "")
        #expect(json.status == 400)
        #expect(
            body(json)
                == #"{"__type":"ExpiredTokenException","Message":"The security token included in the request is expired"}"#
        )
    }
}
