internal import AWSWire

/// Which service and operation a request calls, read from the request itself (the recorder sees only bytes).
///
/// The query protocol names it in `Action` (body or query string), JSON 1.1 in `X-Amz-Target`, and the REST
/// services (Bedrock) in the path; the credential scope's service tells IAM from STS and `bedrock` (control plane)
/// from `bedrock-runtime`, which share the signing name.
struct OperationIdentity: Sendable, Hashable {
    var service: String
    var operation: String

    /// Bedrock's REST routes: the path's first segment, and for `/model/{id}/…` its last one.
    private static let modelRoutes = [
        "converse": "Converse", "converse-stream": "ConverseStream", "invoke": "InvokeModel",
        "invoke-with-response-stream": "InvokeModelWithResponseStream",
    ]

    static func identify(
        method: String, target: String, headers: [HTTPField], body: [UInt8], scopeService: String?
    ) -> OperationIdentity {
        let request = HTTPRequest(method: method, target: target, headers: headers, body: body)
        let path = String(request.path)
        if path.hasPrefix("/_roleplay/") { return OperationIdentity(service: "roleplay", operation: "\(method) \(path)") }
        if let amzTarget = request.header("X-Amz-Target"), let dot = amzTarget.lastIndex(of: ".") {
            return OperationIdentity(
                service: scopeService ?? "cloudtrail", operation: String(amzTarget[amzTarget.index(after: dot)...]))
        }
        if let action = queryAction(request) {
            return OperationIdentity(service: scopeService ?? "sts", operation: action)
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.first == "model", segments.count == 3, let operation = modelRoutes[segments[2]] {
            return OperationIdentity(service: "bedrock-runtime", operation: operation)
        }
        switch (segments.first, segments.count) {
        case ("foundation-models", 1): return OperationIdentity(service: "bedrock", operation: "ListFoundationModels")
        case ("foundation-models", 2): return OperationIdentity(service: "bedrock", operation: "GetFoundationModel")
        case ("inference-profiles", 1): return OperationIdentity(service: "bedrock", operation: "ListInferenceProfiles")
        case ("inference-profiles", 2): return OperationIdentity(service: "bedrock", operation: "GetInferenceProfile")
        default: return OperationIdentity(service: scopeService ?? "unknown", operation: "\(method) \(path)")
        }
    }

    /// `Action` from a form-encoded body, else from the query string.
    private static func queryAction(_ request: HTTPRequest) -> String? {
        if request.header("Content-Type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true,
            let form = try? QueryParameters(decoding: request.body), let action = form["Action"]
        {
            return action
        }
        return (try? QueryParameters(decoding: String(request.query)))?["Action"]
    }
}
