import AWSWire
import SigV4
import TestSupport
import Testing

@testable import Emulator

/// One sequence of vectors/eventstream/runtime-frames.json: a scripted runtime call and the frames botocore
/// accepted for it.
struct RuntimeStreamVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let path: String
    let model: String
    let body: String
    let rule: String
    let frames_hex: [String]

    var testDescription: String { "runtime-frames.json: \(name)" }

    static func all() throws -> [RuntimeStreamVector] {
        try VectorFile<RuntimeStreamVector>.load("vectors/eventstream/runtime-frames.json").cases
    }
}

@Suite("Bedrock Runtime streams against botocore-checked frames (vectors/eventstream/runtime-frames.json)")
struct BedrockRuntimeVectorTests {
    @Test("the emulator streams exactly the vector's frames", arguments: try RuntimeStreamVector.all())
    func streams(_ vector: RuntimeStreamVector) throws {
        let endpoint = TestEndpoint()
        #expect(endpoint.admin("POST", "/bedrock/responses", body: vector.rule).status == 200)
        let response = endpoint.emulator.handle(
            endpoint.runtimeRequest(vector.path, model: vector.model, body: vector.body, as: .root("123456789012")))
        #expect(response.status == 200)
        guard case .stream(let stream) = response.body else {
            Issue.record("\(vector.name): not a stream")
            return
        }
        var frames: [String] = []
        while case .data(let frame) = stream.next() { frames.append(hexString(frame)) }
        #expect(frames == vector.frames_hex)
    }

    @Test("the vector file says where it came from and holds every sequence")
    func source() throws {
        let file = try VectorFile<RuntimeStreamVector>.load("vectors/eventstream/runtime-frames.json")
        #expect(file.source.contains("botocore"))
        #expect(file.cases.count == 4)
    }
}
