import AWSWire
import ConnectorKit
import Emulator
import Foundation
import HTTPServer
import Testing

/// `URLSessionTransport` over a real socket to the emulator behind `HTTPServer`: signed headers arrive intact
/// (the emulator verifies the signature), errors decode, and a Bedrock event stream is handed on while it is
/// still being written.
@Suite struct URLSessionTransportTests {
    static let root = EmulatorFixture.root(EmulatorFixture.customerAccount)

    @Test func getCallerIdentityOverTheSocket() async throws {
        let server = try EmulatorServer()
        let sts = try server.client(.sts, as: Self.root, transport: URLSessionTransport())
        let identity = try await sts.query("GetCallerIdentity", [])
        #expect(identity.value(at: "GetCallerIdentityResult/Arn") == "arn:aws:iam::123456789012:root")
    }

    @Test func aRestCallWithAColonInThePathVerifies() async throws {
        let server = try EmulatorServer()
        let runtime = try server.client(.bedrockRuntime, as: Self.root, transport: URLSessionTransport())
        let response = try await runtime.send(
            .rest(
                "Converse", method: "POST", path: "/model/{modelId}/converse",
                labels: ["modelId": "amazon.nova-micro-v1:0"],
                body: Array(#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#.utf8)))
        #expect(response.status == 200)
        #expect(response.requestID?.isEmpty == false)
    }

    @Test func anErrorAnswerIsAServiceError() async throws {
        let server = try EmulatorServer()
        let iam = try server.client(.iam, as: Self.root, transport: URLSessionTransport())
        let error = await #expect(throws: ServiceError.self) { try await iam.query("GetRole", [("RoleName", "missing")]) }
        #expect(error?.code == "NoSuchEntity")
        #expect(error?.status == 404)
        #expect(error?.requestID?.isEmpty == false)
    }

    @Test func theResponseCarriesTheEmulatorsDate() async throws {
        let server = try EmulatorServer()
        let response = try await URLSessionTransport().send(
            TransportRequest(
                endpoint: try EndpointResolver.custom(server.url).endpoint(for: .sts, region: "us-east-1"),
                method: "GET", target: "/_roleplay/health", headers: [], body: []))
        #expect(response.status == 200)
        #expect(response.header("Date")?.hasSuffix(" GMT") == true)
    }

    @Test func streamChunksArriveBeforeTheStreamEnds() async throws {
        var settings = EmulatorConfiguration()
        settings.streamChunkDelay = .milliseconds(120)
        let server = try EmulatorServer(settings)
        let runtime = try server.client(.bedrockRuntime, as: Self.root, transport: URLSessionTransport())
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await runtime.open(ConverseStreamRequest.novaMicro)
        #expect(response.status == 200)
        var arrivals: [Duration] = []
        var bytes: [UInt8] = []
        for try await chunk in response.body {
            arrivals.append(clock.now - start)
            bytes += chunk
        }
        // Frames come 120 ms apart: the first must have been handed on long before the last.
        #expect(arrivals.count >= 3)
        if let first = arrivals.first, let last = arrivals.last {
            #expect(last - first >= .milliseconds(120 * (arrivals.count - 2)))
        }
        let frames = try EventStreamDecoder.decodeAll(bytes)
        #expect(frames.first?[header: ":event-type"] == .string("messageStart"))
        #expect(frames.last?[header: ":event-type"] == .string("metadata"))
    }

    @Test func aStreamCutMidBodyIsConnectionLost() async throws {
        let server = try EmulatorServer()
        EmulatorFixture.addFault(
            #"{"service":"bedrock-runtime","operation":"ConverseStream","cut_stream_after":1}"#, to: server.emulator)
        let runtime = try server.client(.bedrockRuntime, as: Self.root, transport: URLSessionTransport())
        let response = try await runtime.open(ConverseStreamRequest.novaMicro)
        #expect(response.status == 200)
        let error = await #expect(throws: TransportError.self) { _ = try await response.body.collect() }
        #expect(error?.kind == .connectionLost)
    }

    @Test func aRefusedConnectionIsConnectionFailed() async throws {
        // A port the server held and gave back: nothing listens there now.
        let port = try EmulatorServer().address.port
        let transport = URLSessionTransport()
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(
                TransportRequest(
                    endpoint: try EndpointResolver.custom("http://127.0.0.1:\(port)").endpoint(for: .sts, region: "us-east-1"),
                    method: "GET", target: "/", headers: [], body: []))
        }
        #expect(error?.kind == .connectionFailed)
    }

    @Test func aSlowAnswerTimesOut() async throws {
        let server = try EmulatorServer()
        EmulatorFixture.addFault(#"{"service":"sts","operation":"GetCallerIdentity","latency_ms":3000}"#, to: server.emulator)
        let transport = URLSessionTransport(timeouts: .init(request: .milliseconds(500)))
        let sts = try server.client(.sts, as: Self.root, transport: transport)
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: TransportError.self) { try await sts.query("GetCallerIdentity", []) }
        #expect(error?.kind == .timedOut)
        #expect(clock.now - start < .milliseconds(2500))
    }

    @Test func cancellingTheReaderEndsTheExchange() async throws {
        var settings = EmulatorConfiguration()
        settings.streamChunkDelay = .milliseconds(500)
        let server = try EmulatorServer(settings)
        let runtime = try server.client(.bedrockRuntime, as: Self.root, transport: URLSessionTransport())
        let reader = Task {
            let response = try await runtime.open(ConverseStreamRequest.novaMicro)
            var chunks = 0
            for try await _ in response.body { chunks += 1 }
            return chunks
        }
        try await Task.sleep(for: .milliseconds(700))
        let clock = ContinuousClock()
        let start = clock.now
        reader.cancel()
        _ = try? await reader.value
        #expect(clock.now - start < .milliseconds(400))
    }
}
