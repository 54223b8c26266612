import AWSWire
import Foundation
import PolicyEngine

extension Emulator {
    /// Between authentication and decoding: applies the fault rule that takes this call, if any (docs/faults.md).
    ///
    /// An error or throttle rule answers in the protocol's error shape, through the pipeline's ordinary error path
    /// (request ID, log line with decision `-` and the code); a latency rule waits and lets the call go on; a
    /// stream-cut rule lets it go on with `cutStreamAfterChunks` set for the streaming runtime calls.
    func injectFault(_ route: Route, into environment: inout RequestEnvironment) throws(AWSError) {
        guard
            let action = faults.action(
                service: route.service, operation: route.operation, caller: environment.identity.caller.arn)
        else { return }
        switch action {
        case .error(let code, let status, let message): throw AWSError(code: code, message: message, httpStatus: status)
        case .throttle: throw FaultRule.throttling(for: route.service)
        // The request path is synchronous on a server thread (STYLE.md §7); a bounded sleep holds only that thread.
        case .latency(let milliseconds): Thread.sleep(forTimeInterval: Double(milliseconds) / 1_000)
        case .cutStream(let chunks): environment.cutStreamAfterChunks = chunks
        }
    }

    /// The generator seed of the fault injector: derived from `--seed` without drawing from the ID stream (so
    /// adding faults never shifts the IDs a seeded run makes), secure random otherwise.
    static func faultSeed(_ configuration: EmulatorConfiguration, _ ids: IDGenerator) -> UInt64 {
        if let seed = configuration.seed { return seed ^ 0xFA17_FA17_FA17_FA17 }
        return ids.bytes(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
