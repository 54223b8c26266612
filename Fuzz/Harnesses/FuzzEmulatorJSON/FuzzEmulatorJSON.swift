import AWSWire
import Emulator
import FuzzDriver
import SigV4

/// libFuzzer entry point for the JSON operation decoders of Bedrock Runtime and CloudTrail, driven through
/// `Emulator.handle` so routing, the operation's input decoding and its response are all exercised.
///
/// The first byte picks the operation (and for Bedrock the model family, whose `InvokeModel` body formats
/// differ); the rest is the JSON body. Requests carry a fixed SigV4 envelope for the root of 111111111111 and
/// the emulator runs with `signatureCheck` off, so the signature is not what gets fuzzed (FuzzSigV4 does that)
/// and every input reaches the decoders. The emulator is reset now and then so recorded events do not pile up.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEmulatorJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let operation = FuzzEmulatorJSON.operations[Int(data[0]) % FuzzEmulatorJSON.operations.count]
    let body = Array(UnsafeBufferPointer(start: data, count: size).dropFirst())
    _ = FuzzEmulatorJSON.emulator.handle(operation.request(body: body))
    FuzzEmulatorJSON.count &+= 1
    if FuzzEmulatorJSON.count % 4096 == 0 { FuzzEmulatorJSON.emulator.reset() }
    return 0
}

enum FuzzEmulatorJSON {
    struct Operation {
        var service: String
        var path: String
        var target: String?
        var contentType: String

        func request(body: [UInt8]) -> HTTPRequest {
            let scope = "111111111111/20250115/us-east-1/\(service)/aws4_request"
            var headers = [
                HTTPField("Host", "127.0.0.1:4590"),
                HTTPField("Content-Type", contentType),
                HTTPField("X-Amz-Date", "20250115T120000Z"),
                HTTPField(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=host;x-amz-date, Signature="
                        + String(repeating: "0", count: 64)),
            ]
            if let target { headers.append(HTTPField("X-Amz-Target", target)) }
            return HTTPRequest(method: "POST", target: path, headers: headers, body: body)
        }
    }

    static let cloudTrail = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."
    static let operations: [Operation] = {
        var operations = [
            Operation(
                service: "cloudtrail", path: "/", target: cloudTrail + "LookupEvents",
                contentType: "application/x-amz-json-1.1")
        ]
        let models = [
            "anthropic.claude-3-haiku-20240307-v1:0", "amazon.titan-text-express-v1", "amazon.nova-micro-v1:0",
            "meta.llama3-8b-instruct-v1:0", "mistral.mistral-7b-instruct-v0:2", "cohere.command-text-v14",
            "amazon.titan-embed-text-v1", "cohere.embed-english-v3",
        ]
        for model in models {
            for action in ["invoke", "invoke-with-response-stream", "converse", "converse-stream"] {
                operations.append(
                    Operation(
                        service: "bedrock", path: "/model/\(model)/\(action)", target: nil,
                        contentType: "application/json"))
            }
        }
        return operations
    }()

    static let emulator: Emulator = {
        var configuration = EmulatorConfiguration()
        configuration.signatureCheck = false
        configuration.seed = 1
        configuration.wallClock = { AmzDate(secondsSince1970: 1_736_942_400) }
        return Emulator(configuration: configuration)
    }()
    /// Inputs since start. libFuzzer calls the entry point from one thread only, so the unsynchronized counter
    /// is safe here (`-fork`/`-jobs` run separate processes).
    nonisolated(unsafe) static var count = 0
}

/// The program's entry: SwiftPM links `main` to `FuzzEmulatorJSON_main` on Linux, so libFuzzer's own `main` is not used
/// and this hands the command line to libFuzzer's driver instead (see FuzzDriver.h).
@_cdecl("FuzzEmulatorJSON_main")
func fuzzEmulatorJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzEmulatorJSON)
}
