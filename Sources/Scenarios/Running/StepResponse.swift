public import AWSWire

/// What a step got back: a success's tree, or an error seen as `{code, message, status}` (assertions reach
/// into either).
enum StepResponse: Sendable {
    case success(JSONValue)
    case error(code: String, message: String, status: Int)

    var tree: JSONValue {
        switch self {
        case .success(let tree): tree
        case .error(let code, let message, let status): ResponseTree.error(code: code, message: message, status: status)
        }
    }

    /// The error as a report line shows it: `AccessDenied (HTTP 403): User: … is not authorized …`.
    static func describe(code: String, message: String, status: Int) -> String {
        "\(code) (HTTP \(status))" + (message.isEmpty ? "" : ": \(message)")
    }
}

extension Expectation {
    /// nil when `response` is what the step expects; otherwise what was expected and what came, both in full.
    func mismatch(_ response: StepResponse) -> String? {
        switch (self, response) {
        case (.success, .success): return nil
        case (.success, .error(let code, let message, let status)):
            return "expected success, got \(StepResponse.describe(code: code, message: message, status: status))"
        case (.error, .success):
            return "expected \(expectedError), got success"
        case (.error(let wantCode, let wantStatus), .error(let code, let message, let status)):
            if wantCode.map({ $0 == code }) ?? true, wantStatus.map({ $0 == status }) ?? true { return nil }
            return
                "expected \(expectedError), got \(StepResponse.describe(code: code, message: message, status: status))"
        }
    }

    /// `error AccessDenied (HTTP 403)`, with only the parts the step names.
    private var expectedError: String {
        guard case .error(let code, let status) = self else { return "success" }
        switch (code, status) {
        case (let code?, let status?): return "error \(code) (HTTP \(status))"
        case (let code?, nil): return "error \(code)"
        case (nil, let status?): return "an error with HTTP \(status)"
        case (nil, nil): return "an error"
        }
    }
}
