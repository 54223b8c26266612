import AWSWire
import PolicyEngine
import SigV4

/// The emulator's own API under `/_roleplay/` (docs/admin-api.md): health, reset, the virtual clock, a view
/// of the state, and the explanation of any authorization decision. JSON in and out, unsigned (it is a test
/// harness's control channel, served on loopback like the rest). With an `AdminToken` configured, everything
/// but the health check needs it as a bearer token: health stays open for readiness probes and tells nothing
/// a caller could use.
struct AdminAPI {
    let emulator: Emulator

    static let prefix = "/_roleplay"

    static func handles(_ request: HTTPRequest) -> Bool {
        request.path == prefix || request.path.hasPrefix(prefix + "/")
    }

    func respond(to request: HTTPRequest, requestID: String) -> HTTPResponse {
        let endpoint = request.path.dropFirst(Self.prefix.count)
        if let token = emulator.configuration.adminToken, endpoint != "/health",
            !token.accepts(authorization: request.header("Authorization"))
        {
            return Self.unauthorized(requestID)
        }
        let result: Result<JSONValue, AdminError>
        switch (request.method, endpoint) {
        case ("GET", "/health"): result = .success(health())
        case ("POST", "/reset"):
            emulator.reset()
            result = .success(["status": "reset"])
        case ("POST", "/clock"): result = clock(request.body)
        case ("GET", "/clock"): result = .success(clockState())
        case ("GET", "/state"): result = .success(AdminStateView(state: emulator.state).json)
        case ("GET", "/decisions"): result = decisions(request.query)
        case ("POST", "/faults"): result = addFault(request.body)
        case ("GET", "/faults"): result = .success(listFaults())
        case ("DELETE", "/faults"): result = .success(clearFaults())
        case (let method, Self.bedrockResponsesPath): result = bedrockResponses(method, body: request.body)
        case (_, "/health"), (_, "/reset"), (_, "/clock"), (_, "/state"), (_, "/decisions"), (_, "/faults"):
            result = .failure(AdminError(status: 405, message: "\(request.method) is not allowed on \(request.path)"))
        default:
            result = .failure(AdminError(status: 404, message: "no admin endpoint \(request.path)"))
        }
        switch result {
        case .success(let body): return Self.json(200, body, requestID)
        case .failure(let error): return Self.json(error.status, ["message": .string(error.message)], requestID)
        }
    }

    private func health() -> JSONValue {
        let clock = emulator.withState { $0.clock }
        return [
            "status": "ok", "version": .string(emulator.configuration.version),
            "now": .string(clock.now().iso8601()), "offset_seconds": .int(clock.offsetSeconds),
            "signature_check": .bool(emulator.configuration.signatureCheck),
        ]
    }

    private func clockState() -> JSONValue {
        let clock = emulator.withState { $0.clock }
        return ["now": .string(clock.now().iso8601()), "offset_seconds": .int(clock.offsetSeconds)]
    }

    /// `{"advance_seconds": N}` moves virtual time by N (which may be negative); `{"now": "ISO-8601"}` sets it.
    private func clock(_ body: [UInt8]) -> Result<JSONValue, AdminError> {
        let usage = #"expected {"advance_seconds": N} or {"now": "2030-01-01T00:00:00Z"}"#
        guard let value = try? JSONReader(limits: .init(maxBytes: 4096, maxDepth: 4, maxStringBytes: 256)).decode(body)
        else { return .failure(AdminError(status: 400, message: "body is not JSON: \(usage)")) }
        if let advance = value["advance_seconds"] {
            guard let number = advance.numberValue, let seconds = Int64(exactly: number.double),
                abs(seconds) <= 100 * 365 * 86_400
            else { return .failure(AdminError(status: 400, message: "advance_seconds must be an integer number of seconds within ±100 years")) }
            emulator.withState { $0.clock.advance(seconds: seconds) }
        } else if let now = value["now"] {
            guard let text = now.stringValue, let instant = AmzDate(iso8601: text) else {
                return .failure(AdminError(status: 400, message: "now must be an ISO 8601 UTC time such as 2030-01-01T00:00:00Z"))
            }
            emulator.withState { $0.clock.set(now: instant) }
        } else {
            return .failure(AdminError(status: 400, message: usage))
        }
        return .success(clockState())
    }

    /// The explanation of every authorization decision a request caused.
    private func decisions(_ query: Substring) -> Result<JSONValue, AdminError> {
        guard let parameters = try? QueryParameters(decoding: String(query)), let requestID = parameters["request_id"],
            !requestID.isEmpty
        else { return .failure(AdminError(status: 400, message: "request_id is required: /_roleplay/decisions?request_id=ID")) }
        guard let entries = emulator.decisions.entries(requestID: requestID) else {
            return .failure(
                AdminError(status: 404, message: "no decisions recorded for request \(requestID) (unknown, or older than the last \(emulator.decisions.deniedCapacity) denied and \(emulator.decisions.allowedCapacity) allowed requests)"))
        }
        let list: [JSONValue] = entries.map { entry in
            let evaluation = Authorizer.evaluate(entry.request, entry.policies)
            var explanation = ExplanationRenderer.trace(evaluation)
            if let note = entry.note { explanation.insert("denied: \(note)", at: 0) }
            return [
                "action": .string(entry.request.action), "resource": .string(entry.request.resource),
                "caller": .string(entry.request.caller.arn), "decision": .string(entry.decision.rawValue),
                "reason": .string(entry.note == nil ? evaluation.reason.rawValue : "resourceDoesNotExist"),
                "explanation": .array(explanation.map { .string($0) }),
            ]
        }
        return .success(["request_id": .string(requestID), "decisions": .array(list)])
    }

    /// 401 with the challenge RFC 6750 asks for; the same answer for a missing and a wrong token.
    private static func unauthorized(_ requestID: String) -> HTTPResponse {
        var response = json(
            401, ["message": "the admin API requires Authorization: Bearer TOKEN (roleplay serve --admin-token)"],
            requestID)
        response.headers.append(HTTPField("WWW-Authenticate", #"Bearer realm="roleplay""#))
        return response
    }

    static func json(_ status: Int, _ body: JSONValue, _ requestID: String) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [HTTPField("Content-Type", "application/json"), HTTPField("x-amzn-RequestId", requestID)],
            bytes: JSONWriter.bytes(body))
    }
}

struct AdminError: Error {
    var status: Int
    var message: String
}
