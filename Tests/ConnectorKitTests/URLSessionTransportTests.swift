import AWSWire
@testable import ConnectorKit
import Emulator
import EmulatorTestSupport
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

    @Test func everySignedHeaderArrivesAsSigned() async throws {
        let server = try EmulatorServer()
        let recording = RecordingTransport(URLSessionTransport())
        let runtime = try server.client(.bedrockRuntime, as: Self.root, transport: recording)
        _ = try await runtime.send(ConverseStreamRequest.novaMicro)
        let sent = try #require(recording.requests.first)
        let arrived = try #require(server.received.first)
        #expect(arrived.method == sent.method)
        #expect(arrived.target == sent.target)
        #expect(arrived.body == sent.body)
        for field in sent.headers {
            let values = arrived.headers.filter { $0.name.caseInsensitiveEquals(field.name) }.map(\.value)
            #expect(values == [field.value], "\(field.name)")
        }
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

    @Test func aChunkIsHandedOnWhileTheBodyIsStillBeingWritten() async throws {
        let server = try GatedStreamServer()
        let response = try await URLSessionTransport().send(try server.request)
        #expect(response.status == 200)
        var iterator = response.body.makeAsyncIterator()
        // The server holds the rest of the body until the gate opens: this chunk came mid-body.
        #expect(try await iterator.next() == GatedStreamServer.chunks[0])
        server.stream.open()
        var rest: [UInt8] = []
        while let chunk = try await iterator.next() { rest += chunk }
        #expect(rest == Array(GatedStreamServer.chunks[1...].joined()))
    }

    @Test func aWholeStreamDecodes() async throws {
        let server = try EmulatorServer()
        let runtime = try server.client(.bedrockRuntime, as: Self.root, transport: URLSessionTransport())
        let response = try await runtime.open(ConverseStreamRequest.novaMicro)
        #expect(response.header("Content-Type") == "application/vnd.amazon.eventstream")
        let frames = try EventStreamDecoder.decodeAll(try await response.body.collect())
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
        // Without the timeout the call would succeed once the 3 s latency passed.
        let error = await #expect(throws: TransportError.self) { try await sts.query("GetCallerIdentity", []) }
        #expect(error?.kind == .timedOut)
    }

    @Test func aStreamMayLastLongerThanTheRequestTimeout() async throws {
        // The request timeout is a silence: frames 400 ms apart keep a stream alive well past 1 s.
        var settings = EmulatorConfiguration()
        settings.streamChunkDelay = .milliseconds(400)
        let server = try EmulatorServer(settings)
        let transport = URLSessionTransport(timeouts: .init(request: .seconds(1)))
        let runtime = try server.client(.bedrockRuntime, as: Self.root, transport: transport)
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await runtime.open(ConverseStreamRequest.novaMicro)
        let frames = try EventStreamDecoder.decodeAll(try await response.body.collect())
        #expect(frames.count >= 5)
        #expect(clock.now - start > .milliseconds(1500))
        #expect(frames.last?[header: ":event-type"] == .string("metadata"))
    }

    @Test func cancellingTheReaderEndsTheExchange() async throws {
        let server = try GatedStreamServer()
        let transport = URLSessionTransport()
        let request = try server.request
        let firstChunk = AsyncStream.makeStream(of: Void.self)
        let reader = Task {
            let response = try await transport.send(request)
            var chunks = 0
            for try await _ in response.body {
                chunks += 1
                firstChunk.continuation.yield()
            }
            return chunks
        }
        for await _ in firstChunk.stream { break }
        reader.cancel()
        // The gate stays shut, so the HTTP exchange ends only if cancelling the reader cancelled it.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while transport.exchangesUnderWay > 0, clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(transport.exchangesUnderWay == 0)
        #expect((try? await reader.value) ?? 1 == 1)
    }
}
