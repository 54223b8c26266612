import AWSWire
import ConnectorKit
import Emulator
import Testing

extension EmulatorFixture {
    /// Adds a fault rule (`POST /_roleplay/faults`, docs/faults.md).
    func addFault(_ json: String) {
        Self.addFault(json, to: emulator)
    }

    static func addFault(_ json: String, to emulator: Emulator) {
        let response = emulator.handle(
            HTTPRequest(
                method: "POST", target: "/_roleplay/faults", headers: [HTTPField("Content-Type", "application/json")],
                body: Array(json.utf8)))
        #expect(response.status == 200, "fault rule refused: \(json)")
    }

    /// The fixture's configuration over `transport`, with `retry` in place of the default strategy.
    func configuration(over transport: any Transport, retry: RetryStrategy) -> ClientConfiguration {
        var configuration = configuration
        configuration.transport = transport
        configuration.retry = retry
        return configuration
    }
}
