/// The rest-json operations of Bedrock and Bedrock Runtime the emulator serves, by method and path template
/// (botocore's `bedrock` and `bedrock-runtime` service models, `http.method` and `http.requestUri`).
///
/// A template segment `{name}` binds one decoded path segment to that name. An ARN in a path parameter
/// arrives with its `/` percent-encoded, so it is one segment (see `RestPath`).
enum BedrockRoutes {
    struct Template: Sendable {
        var method: String
        var segments: [Segment]
        var service: Service
        var operation: String

        enum Segment: Sendable, Equatable {
            case literal(String)
            case parameter(String)
        }

        init(_ method: String, _ path: String, _ service: Service, _ operation: String) {
            self.method = method
            self.segments = path.split(separator: "/").map { part in
                part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
            }
            self.service = service
            self.operation = operation
        }

        /// The path parameters when `segments` fit the template.
        func bind(_ path: [String]) -> [String: String]? {
            guard path.count == segments.count else { return nil }
            var parameters: [String: String] = [:]
            for (segment, value) in zip(segments, path) {
                switch segment {
                case .literal(let literal): guard literal == value else { return nil }
                case .parameter(let name):
                    guard !value.isEmpty else { return nil }
                    parameters[name] = value
                }
            }
            return parameters
        }
    }

    static let templates: [Template] = [
        Template("GET", "/foundation-models", .bedrock, "ListFoundationModels"),
        Template("GET", "/foundation-models/{modelIdentifier}", .bedrock, "GetFoundationModel"),
        Template("GET", "/inference-profiles", .bedrock, "ListInferenceProfiles"),
        Template("GET", "/inference-profiles/{inferenceProfileIdentifier}", .bedrock, "GetInferenceProfile"),
        Template("POST", "/model/{modelId}/invoke", .bedrockRuntime, "InvokeModel"),
        Template("POST", "/model/{modelId}/invoke-with-response-stream", .bedrockRuntime, "InvokeModelWithResponseStream"),
        Template("POST", "/model/{modelId}/converse", .bedrockRuntime, "Converse"),
        Template("POST", "/model/{modelId}/converse-stream", .bedrockRuntime, "ConverseStream"),
    ]

    /// The operation and its path parameters, or nil for a method and path no served operation has.
    static func match(method: String, segments: [String]) -> (Template, [String: String])? {
        for template in templates where template.method == method {
            if let parameters = template.bind(segments) { return (template, parameters) }
        }
        return nil
    }
}
