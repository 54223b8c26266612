import AWSWire
import Foundation

/// The faults the load phase injects, and therefore the only error codes it may see.
///
/// Rules go in through the admin API (`POST /_roleplay/faults`, docs/faults.md; `POST /_roleplay/bedrock/responses`,
/// docs/admin-api.md). Probabilities are drawn by the emulator from its own generator, so the soak cannot know
/// which call will fail, only which codes may appear: every error whose code is not listed for its operation is
/// unexpected and fails the run. The in-stream exception is the other way round: the soak asks for it by prompt,
/// so a stream that should carry it and does not also fails the run.
struct SoakFaultPlan: Sendable {
    /// The prompt marker that makes a stream end with an in-stream exception after two events.
    static let streamErrorMarker = "soak-in-stream-exception"
    static let streamErrorCode = "ModelStreamErrorException"
    /// The `:exception-type` the stream carries for it (event-stream names are lowerCamel, as on AWS).
    static let streamExceptionType = "modelStreamErrorException"

    /// Share of stream calls (per mille) that ask for the in-stream exception.
    var streamErrorPerMille = 50

    /// The rules for `POST /_roleplay/faults`, in order (the first that takes a call decides).
    var faultRules: [JSONValue] {
        [
            // Bedrock Runtime throttles 2% of calls, every operation.
            ["service": "bedrock-runtime", "throttle": true, "probability": 0.02],
            // AssumeRole: 2% wait 20 ms (held on a server thread), and 1% more are a 503 ServiceUnavailable.
            ["service": "sts", "operation": "AssumeRole", "latency_ms": 20, "probability": 0.02],
            [
                "service": "sts", "operation": "AssumeRole", "probability": 0.01,
                "error": ["code": "ServiceUnavailable", "status": 503, "message": "soak: injected"],
            ],
            // CloudTrail throttles 2% of lookups (JSON 1.1: ThrottlingException, 429).
            ["service": "cloudtrail", "operation": "LookupEvents", "throttle": true, "probability": 0.02],
        ]
    }

    /// The rule for `POST /_roleplay/bedrock/responses`: streams whose prompt has the marker end in an exception.
    var bedrockRule: JSONValue {
        [
            "model": "*", "prompt": .string(Self.streamErrorMarker),
            "error": ["code": .string(Self.streamErrorCode), "message": "soak: injected", "after_chunks": 2],
        ]
    }

    /// The HTTP error codes each operation may answer with under these rules.
    func expectedCodes(_ operation: SoakOperation) -> Set<String> {
        switch operation {
        case .assumeRole: ["ServiceUnavailable"]
        case .invokeModel, .invokeModelStream, .converseStream: ["ThrottlingException"]
        case .lookupEvents: ["ThrottlingException"]
        }
    }
}
