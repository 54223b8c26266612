import AWSWire

/// The JSON form of a fault rule, read from `POST /_roleplay/faults` and written by `GET` (docs/faults.md):
///
///     {"service": "bedrock", "operation": "ListFoundationModels", "caller": "arn:aws:sts::*:assumed-role/*",
///      "throttle": true, "count": 2}
///
/// Exactly one action (`error`, `throttle`, `latency_ms`, `cut_stream_after`) and at most one budget (`count` or
/// `probability`; neither means every matching call). Unknown members are refused, so a misspelt key never
/// silently widens a rule.
extension FaultRule {
    /// The most a latency rule may add.
    static let maxLatencyMilliseconds = 60_000
    static let maxCount = 1_000_000
    static let maxStringBytes = 2_048

    private static let knownMembers: Set<String> = [
        "service", "operation", "caller", "error", "throttle", "latency_ms", "cut_stream_after", "count", "probability",
    ]
    private static let services = Service.allCases.map(\.rawValue).joined(separator: ", ")

    /// Parses a rule's parts.
    /// - Throws: a message saying what is wrong, for a 400.
    static func parse(_ value: JSONValue) throws(FaultRuleError) -> (Match, Action, Budget) {
        guard case .object(let fields) = value else { throw FaultRuleError("the rule must be a JSON object") }
        if let unknown = fields.first(where: { !knownMembers.contains($0.key) }) {
            throw FaultRuleError(
                "unknown member \(unknown.key); expected \(knownMembers.sorted().joined(separator: ", "))")
        }
        var service: Service?
        if let name = try string(value, "service") {
            guard let known = Service(rawValue: name) else {
                throw FaultRuleError("service must be one of \(services)")
            }
            service = known
        }
        let match = Match(
            service: service, operation: try string(value, "operation"), caller: try string(value, "caller"))
        return (match, try action(value), try budget(value))
    }

    private static func action(_ value: JSONValue) throws(FaultRuleError) -> Action {
        var actions: [Action] = []
        if let error = value["error"] { actions.append(try errorAction(error)) }
        if let throttle = value["throttle"] {
            guard throttle.boolValue == true else { throw FaultRuleError("throttle must be true") }
            actions.append(.throttle)
        }
        if let latency = try integer(value, "latency_ms", 1...maxLatencyMilliseconds) {
            actions.append(.latency(milliseconds: latency))
        }
        if let chunks = try integer(value, "cut_stream_after", 0...maxCount) {
            actions.append(.cutStream(afterChunks: chunks))
        }
        guard actions.count == 1 else {
            throw FaultRuleError("give exactly one action: error, throttle, latency_ms or cut_stream_after")
        }
        return actions[0]
    }

    private static func errorAction(_ error: JSONValue) throws(FaultRuleError) -> Action {
        guard case .object(let fields) = error else {
            throw FaultRuleError(
                #"error must be an object: {"code": "ThrottlingException", "status": 429, "message": "…"}"#)
        }
        if let unknown = fields.first(where: { !["code", "status", "message"].contains($0.key) }) {
            throw FaultRuleError("unknown member error.\(unknown.key); expected code, status, message")
        }
        guard let name = try string(error, "code", label: "error.code") else {
            throw FaultRuleError("error.code is required")
        }
        guard let code = AWSError.Code(rawValue: name) else {
            let known = AWSError.Code.allCodes.map(\.rawValue).joined(separator: ", ")
            throw FaultRuleError("error.code \(name) is not a code the emulator sends; use one of \(known)")
        }
        let status = try integer(error, "status", 400...599, label: "error.status") ?? code.httpStatus
        let message = try string(error, "message", label: "error.message") ?? "Injected by roleplay fault rule"
        return .error(code: code, status: status, message: message)
    }

    private static func budget(_ value: JSONValue) throws(FaultRuleError) -> Budget {
        let count = try integer(value, "count", 1...maxCount)
        var probability: Double?
        if let member = value["probability"] {
            guard let p = member.numberValue?.double, p >= 0, p <= 1 else {
                throw FaultRuleError("probability must be a number from 0 to 1")
            }
            probability = p
        }
        switch (count, probability) {
        case (nil, nil): return .always
        case (let count?, nil): return .count(count)
        case (nil, let p?): return .probability(p)
        default: throw FaultRuleError("give count or probability, not both")
        }
    }

    private static func string(_ object: JSONValue, _ key: String, label: String? = nil) throws(FaultRuleError)
        -> String?
    {
        guard let member = object[key] else { return nil }
        guard let text = member.stringValue, !text.isEmpty, text.utf8.count <= maxStringBytes else {
            throw FaultRuleError("\(label ?? key) must be a non-empty string of at most \(maxStringBytes) bytes")
        }
        return text
    }

    private static func integer(_ object: JSONValue, _ key: String, _ range: ClosedRange<Int>, label: String? = nil)
        throws(FaultRuleError) -> Int?
    {
        guard let member = object[key] else { return nil }
        guard let number = member.numberValue?.int64, let value = Int(exactly: number), range.contains(value) else {
            throw FaultRuleError("\(label ?? key) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The rule as `GET /_roleplay/faults` lists it.
    var json: JSONValue {
        var members: [JSONMember] = [JSONMember("id", .int(id))]
        if let service = match.service { members.append(JSONMember("service", .string(service.rawValue))) }
        if let operation = match.operation { members.append(JSONMember("operation", .string(operation))) }
        if let caller = match.caller { members.append(JSONMember("caller", .string(caller))) }
        switch action {
        case .error(let code, let status, let message):
            members.append(
                JSONMember(
                    "error", ["code": .string(code.rawValue), "status": .int(status), "message": .string(message)]))
        case .throttle: members.append(JSONMember("throttle", true))
        case .latency(let milliseconds): members.append(JSONMember("latency_ms", .int(milliseconds)))
        case .cutStream(let chunks): members.append(JSONMember("cut_stream_after", .int(chunks)))
        }
        switch budget {
        case .always: break
        case .count(let count): members.append(JSONMember("count", .int(count)))
        case .probability(let p): members.append(JSONMember("probability", .double(p)))
        }
        if let remaining { members.append(JSONMember("remaining", .int(remaining))) }
        members.append(JSONMember("hits", .int(hits)))
        return .object(members)
    }
}

/// Why a fault rule was refused (the 400's message).
struct FaultRuleError: Error {
    let message: String

    init(_ message: String) { self.message = message }
}
