import AWSWire

/// `/_roleplay/bedrock/responses` (docs/admin-api.md): script what Bedrock Runtime answers.
///
/// `POST` adds a rule, `GET` lists the rules, `DELETE` clears them (so does `POST /_roleplay/reset`). A rule:
///
///     {"model": "us.anthropic.claude-3-5-haiku-20241022-v1:0" | "*",
///      "prompt": "substring" | "prompt_regex": "regex",
///      "text": "…" | "tool_use": {"name": "…", "input": {…}} | "error": {"code", "status"?, "message", "after_chunks"?},
///      "stop_reason": "max_tokens", "cut_after_chunks": 2, "times": 1}
extension AdminAPI {
    static let bedrockResponsesPath = "/bedrock/responses"

    func bedrockResponses(_ method: String, body: [UInt8]) -> Result<JSONValue, AdminError> {
        switch method {
        case "GET":
            return .success(["rules": .array(emulator.withState { $0.bedrockResponses.rules.map(\.json) })])
        case "DELETE":
            emulator.withState { $0.bedrockResponses.removeAll() }
            return .success(["rules": []])
        case "POST":
            let rule: ScriptedResponse
            switch ScriptedResponse.parse(body) {
            case .success(let parsed): rule = parsed
            case .failure(let error): return .failure(error)
            }
            guard emulator.withState({ $0.bedrockResponses.add(rule) }) else {
                return .failure(
                    AdminError(status: 400, message: "at most \(ScriptedResponses.capacity) rules; DELETE them first"))
            }
            return .success(["rule": rule.json])
        default:
            return .failure(
                AdminError(
                    status: 405, message: "\(method) is not allowed on \(Self.prefix)\(Self.bedrockResponsesPath)"))
        }
    }
}

extension ScriptedResponse {
    /// The error codes a rule may raise: the runtime's modeled exceptions.
    static let errorCodes: [AWSError.Code] = [
        .throttlingException, .modelErrorException, .modelTimeoutException, .modelNotReadyException,
        .modelStreamErrorException, .serviceUnavailableException, .internalServerException, .validationException,
        .accessDeniedException, .resourceNotFoundException, .serviceQuotaExceededException,
    ]

    private static let keys: Set<String> = [
        "model", "prompt", "prompt_regex", "text", "tool_use", "error", "stop_reason", "cut_after_chunks", "times",
    ]

    /// Reads and checks a rule; every mistake is a 400 that says what to fix.
    static func parse(_ body: [UInt8]) -> Result<ScriptedResponse, AdminError> {
        func bad(_ message: String) -> Result<ScriptedResponse, AdminError> {
            .failure(AdminError(status: 400, message: message))
        }
        guard
            let value = try? JSONReader(limits: .init(maxBytes: 1 << 20, maxDepth: 32, maxStringBytes: 1 << 20)).decode(
                body),
            let members = value.objectValue
        else { return bad(#"body must be a JSON object such as {"model": "*", "text": "Hi"}"#) }
        if let unknown = members.first(where: { !keys.contains($0.key) }) {
            return bad("unknown key \(unknown.key); allowed: \(keys.sorted().joined(separator: ", "))")
        }
        guard let model = value["model"]?.stringValue, !model.isEmpty, model.utf8.count <= 2048 else {
            return bad(#"model is required: a model ID, an inference profile ID, or "*""#)
        }
        var prompt: PromptMatch?
        if let text = value["prompt"] {
            guard let part = text.stringValue, !part.isEmpty else { return bad("prompt must be a non-empty string") }
            prompt = .substring(part)
        }
        if let text = value["prompt_regex"] {
            guard prompt == nil else { return bad("give prompt or prompt_regex, not both") }
            guard let pattern = text.stringValue, pattern.utf8.count <= 1024, (try? Regex(pattern)) != nil else {
                return bad("prompt_regex must be a valid regular expression of at most 1024 bytes")
            }
            prompt = .regex(pattern)
        }
        let outcomes = ["text", "tool_use", "error"].filter { value[$0] != nil }
        guard outcomes.count <= 1 else { return bad("give at most one of text, tool_use and error") }
        let stopReason = value["stop_reason"]?.stringValue
        if value["stop_reason"] != nil, stopReason.map({ !$0.isEmpty && $0.utf8.count <= 64 }) != true {
            return bad("stop_reason must be a string such as end_turn, max_tokens, stop_sequence or tool_use")
        }
        let outcome: Outcome
        if let text = value["text"] {
            guard let reply = text.stringValue else { return bad("text must be a string") }
            outcome = .text(reply, stopReason: stopReason)
        } else if let tool = value["tool_use"] {
            guard let name = tool["name"]?.stringValue, ConverseRequest.isToolName(name) else {
                return bad("tool_use.name must match [a-zA-Z0-9_-]{1,64}")
            }
            let input = tool["input"] ?? .object([])
            guard input.objectValue != nil else { return bad("tool_use.input must be a JSON object") }
            outcome = .toolUse(name: name, input: input)
        } else if let error = value["error"] {
            guard let name = error["code"]?.stringValue, let code = AWSError.Code(rawValue: name),
                errorCodes.contains(code)
            else { return bad("error.code must be one of \(errorCodes.map(\.rawValue).joined(separator: ", "))") }
            let status = error["status"]?.numberValue?.int64
            if error["status"] != nil, status.map({ (400...599).contains($0) }) != true {
                return bad("error.status must be an HTTP status from 400 to 599")
            }
            let message = error["message"]?.stringValue ?? "Scripted \(name)."
            let afterChunks = error["after_chunks"].flatMap { $0.numberValue?.int64 }
            if error["after_chunks"] != nil, afterChunks.map({ (0...10_000).contains($0) }) != true {
                return bad("error.after_chunks must be an integer from 0 to 10000")
            }
            outcome = .error(
                AWSError(code: code, message: message, httpStatus: status.map { Int($0) }),
                afterChunks: afterChunks.map { Int($0) })
        } else {
            outcome = .text(nil, stopReason: stopReason)
        }
        var rule = ScriptedResponse(model: model, prompt: prompt, outcome: outcome)
        for (key, limit) in [("cut_after_chunks", 10_000), ("times", 1_000_000)] {
            guard let number = value[key] else { continue }
            guard let count = number.numberValue?.int64, (key == "times" ? 1 : 0)...Int64(limit) ~= count else {
                return bad("\(key) must be an integer from \(key == "times" ? 1 : 0) to \(limit)")
            }
            if key == "times" { rule.remaining = Int(count) } else { rule.cutAfterChunks = Int(count) }
        }
        return .success(rule)
    }

    /// The rule as `GET` lists it.
    var json: JSONValue {
        var members = [JSONMember("model", .string(model))]
        switch prompt {
        case .substring(let part): members.append(JSONMember("prompt", .string(part)))
        case .regex(let pattern): members.append(JSONMember("prompt_regex", .string(pattern)))
        case nil: break
        }
        switch outcome {
        case .text(let text, let stopReason):
            if let text { members.append(JSONMember("text", .string(text))) }
            if let stopReason { members.append(JSONMember("stop_reason", .string(stopReason))) }
        case .toolUse(let name, let input):
            members.append(JSONMember("tool_use", ["name": .string(name), "input": input]))
        case .error(let error, let afterChunks):
            var fields: [JSONMember] = [
                JSONMember("code", .string(error.code.rawValue)), JSONMember("status", .int(error.httpStatus)),
                JSONMember("message", .string(error.message)),
            ]
            if let afterChunks { fields.append(JSONMember("after_chunks", .int(afterChunks))) }
            members.append(JSONMember("error", .object(fields)))
        }
        if let cutAfterChunks { members.append(JSONMember("cut_after_chunks", .int(cutAfterChunks))) }
        if let remaining { members.append(JSONMember("times", .int(remaining))) }
        return .object(members)
    }
}
