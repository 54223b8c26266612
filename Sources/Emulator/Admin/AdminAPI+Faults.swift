import AWSWire

/// `/_roleplay/faults` (docs/faults.md): add a rule (`POST`), list the rules with their remaining counts and hits
/// (`GET`), clear them (`DELETE`).
extension AdminAPI {
    func addFault(_ body: [UInt8]) -> Result<JSONValue, AdminError> {
        let reader = JSONReader(
            limits: .init(maxBytes: 16_384, maxDepth: 4, maxStringBytes: FaultRule.maxStringBytes * 2))
        guard let value = try? reader.decode(body) else {
            return .failure(
                AdminError(
                    status: 400,
                    message:
                        #"body is not JSON: expected a rule such as {"service": "bedrock", "throttle": true, "count": 2}"#
                ))
        }
        let parts: (FaultRule.Match, FaultRule.Action, FaultRule.Budget)
        do {
            parts = try FaultRule.parse(value)
        } catch {
            return .failure(AdminError(status: 400, message: error.message))
        }
        guard let rule = emulator.faults.add(match: parts.0, action: parts.1, budget: parts.2) else {
            return .failure(
                AdminError(
                    status: 400,
                    message: "at most \(FaultInjector.maxRules) fault rules; DELETE /_roleplay/faults first"))
        }
        return .success(rule.json)
    }

    func listFaults() -> JSONValue { ["rules": .array(emulator.faults.list.map(\.json))] }

    func clearFaults() -> JSONValue {
        emulator.faults.clear()
        return ["status": "cleared"]
    }
}
