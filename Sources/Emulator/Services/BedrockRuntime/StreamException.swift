import AWSWire

/// An error raised inside a Bedrock Runtime stream after it started (spec §7.3, §7.5): a
/// `:message-type=exception` frame whose `:exception-type` is the stream union's member name, payload
/// `{"message": …}`. boto3 raises it as `EventStreamError` with that member name as the code.
struct StreamException {
    let error: AWSError
    let kind: Invocation.Kind

    init(_ error: AWSError, kind: Invocation.Kind) {
        self.error = error
        self.kind = kind
    }

    /// The member name: the error code with a lower-case first letter; a model failure becomes
    /// `modelStreamErrorException`, the only model error the stream unions have, and ConverseStream has no
    /// `modelTimeoutException` either.
    var memberName: String {
        switch error.code {
        case .modelErrorException, .modelStreamErrorException: return "modelStreamErrorException"
        case .modelTimeoutException where kind == .converseStream: return "modelStreamErrorException"
        default:
            let code = error.code.rawValue
            return code.prefix(1).lowercased() + code.dropFirst()
        }
    }

    var message: EventStreamMessage {
        var payload: [JSONMember] = [JSONMember("message", .string(error.message))]
        if memberName == "modelStreamErrorException" {
            payload.append(JSONMember("originalStatusCode", .int(error.httpStatus)))
            payload.append(JSONMember("originalMessage", .string(error.message)))
        }
        return .exception(memberName, payload: JSONWriter.bytes(.object(payload)))
    }
}
