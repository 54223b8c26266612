import AWSWire
import SigV4
import RoleplaySync
import Synchronization

@testable import Emulator

/// An in-process emulator with a pinned wall clock and a SigV4 signer: what a boto3 client would send,
/// without a socket.
///
/// The wall clock starts at `TestEndpoint.epoch` (the instant the spec's captures were signed at) and moves
/// only when a test moves it, so skew checks, `Expiration`s and `CreateDate`s are exact values a test can
/// assert. Virtual time (credential expiry) moves through the admin API, as a harness would move it.
///
/// ```swift
/// let endpoint = TestEndpoint()
/// let response = endpoint.call(.iam, "CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": trust],
///                              as: .root("111111111111"))
/// #expect(response.value("Role/Arn") == "arn:aws:iam::111111111111:role/r")
/// ```
final class TestEndpoint: Sendable {
    /// 2025-01-15T12:00:00Z.
    static let epoch = AmzDate(secondsSince1970: 1_736_942_400)
    /// The `Host` every request carries (the default `roleplay serve` address).
    static let host = "127.0.0.1:4590"

    let emulator: Emulator
    private let wall: PinnedClock

    /// - Parameters:
    ///   - seed: makes every generated ID reproducible (`--seed N`).
    ///   - signatureCheck: `--signature-check off` when false.
    ///   - configure: any other setting (the request log, the decision log's capacity).
    convenience init(
        seed: UInt64? = nil, signatureCheck: Bool = true, wallClock: AmzDate = TestEndpoint.epoch,
        configure: (inout EmulatorConfiguration) -> Void = { _ in }
    ) {
        self.init(
            seed: seed, signatureCheck: signatureCheck, wallClock: wallClock, configure: configure,
            make: { Emulator(configuration: $0) })
    }

    /// An endpoint whose emulator `make` builds from the configuration (one with a state directory).
    init(
        seed: UInt64? = nil, signatureCheck: Bool = true, wallClock: AmzDate = TestEndpoint.epoch,
        configure: (inout EmulatorConfiguration) -> Void = { _ in },
        make: (EmulatorConfiguration) throws -> Emulator
    ) rethrows {
        let wall = PinnedClock(wallClock)
        self.wall = wall
        var configuration = EmulatorConfiguration()
        configuration.seed = seed
        configuration.signatureCheck = signatureCheck
        configuration.wallClock = { wall.now.withLock { $0 } }
        configure(&configuration)
        emulator = try make(configuration)
    }

    /// The pinned wall clock: what signatures are dated with and what the skew check compares against.
    var wallClock: AmzDate { wall.now.withLock { $0 } }

    /// Moves the wall clock (not virtual time: see `advanceVirtualClock`).
    func advanceWallClock(seconds: Int64) { wall.now.withLock { $0 = $0.adding(seconds: seconds) } }

    // MARK: Query protocol

    /// Signs and sends one STS or IAM call, as botocore would.
    /// - Parameters:
    ///   - parameters: the operation's parameters in wire form (`Tags.member.1.Key`), in the order sent.
    ///   - signedAt: the signature's time; the wall clock when nil.
    func call(
        _ service: Service, _ action: String, _ parameters: KeyValuePairs<String, String> = [:],
        as credentials: Credentials, region: String = "us-east-1", signedAt: AmzDate? = nil
    ) -> TestResponse {
        call(
            service, action, parameters.map { ($0.key, $0.value) }, as: credentials, region: region, signedAt: signedAt)
    }

    /// `call` for parameter lists built at run time.
    func call(
        _ service: Service, _ action: String, _ parameters: [(String, String)],
        as credentials: Credentials, region: String = "us-east-1", signedAt: AmzDate? = nil
    ) -> TestResponse {
        send(request(service, action, parameters, as: credentials, region: region, signedAt: signedAt))
    }

    /// The signed request `call` sends, for tests that tamper with it first.
    func request(
        _ service: Service, _ action: String, _ parameters: [(String, String)] = [],
        as credentials: Credentials, region: String = "us-east-1", signedAt: AmzDate? = nil
    ) -> HTTPRequest {
        sign(
            Self.unsignedRequest(service, action, parameters), service: service.rawValue, as: credentials,
            region: region, signedAt: signedAt)
    }

    /// Any request (rest-json, JSON 1.1), signed for `service` (the SigV4 signing name: `bedrock` for both
    /// Bedrock planes). `Host` is added when missing.
    func sign(
        _ request: SigV4Request, service: String, as credentials: Credentials, region: String = "us-east-1",
        signedAt: AmzDate? = nil
    ) -> HTTPRequest {
        var request = request
        if request.header("Host") == nil { request.headers.insert(HTTPHeader("Host", Self.host), at: 0) }
        let signer = Signer(credentials: credentials, region: region, service: service)
        // HMAC signing never throws; only SigV4a's ECDSA can.
        return HTTPRequest(try! signer.sign(request, at: signedAt ?? wallClock).request)
    }

    /// `POST /` with the form body and the headers botocore sends before signing (`Host`, `Content-Type`).
    static func unsignedRequest(_ service: Service, _ action: String, _ parameters: [(String, String)]) -> SigV4Request
    {
        let version = service.queryVersion ?? ""
        let pairs = [("Action", action), ("Version", version)] + parameters
        let body = QueryParameters(pairs.map { QueryParameters.Parameter($0.0, $0.1) }).formEncoded
        return SigV4Request(
            method: "POST", path: "/",
            headers: [
                HTTPHeader("Host", host),
                HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ],
            body: Array(body.utf8))
    }

    /// Hands a request to the emulator.
    func send(_ request: HTTPRequest) -> TestResponse { TestResponse(emulator.handle(request)) }

    // MARK: Admin API

    /// Calls `/_roleplay/…` (unsigned, as a harness does).
    /// - Parameter path: the path after `/_roleplay`, with any query (`/decisions?request_id=…`).
    func admin(_ method: String, _ path: String, body: String? = nil) -> TestResponse {
        var headers = [HTTPField("Host", Self.host)]
        if body != nil { headers.append(HTTPField("Content-Type", "application/json")) }
        return send(
            HTTPRequest(method: method, target: "/_roleplay" + path, headers: headers, body: Array((body ?? "").utf8)))
    }

    /// Moves virtual time through `POST /_roleplay/clock`, as a test harness does.
    @discardableResult
    func advanceVirtualClock(seconds: Int64) -> TestResponse {
        admin("POST", "/clock", body: #"{"advance_seconds": \#(seconds)}"#)
    }
}

extension HTTPRequest {
    /// The request as the emulator receives it.
    init(_ request: SigV4Request) {
        self.init(
            method: request.method, target: request.target,
            headers: request.headers.map { HTTPField($0.name, $0.value) }, body: request.body)
    }
}

/// The wall clock the emulator reads, shared between the endpoint and the emulator's configuration.
private final class PinnedClock: Sendable {
    let now: Locked<AmzDate>

    init(_ start: AmzDate) { now = Locked(start) }
}

extension Credentials {
    /// The root user of `account` under the identity convention (access key = account ID, secret `test`).
    static func root(_ account: String) -> Credentials { Credentials(accessKeyID: account, secretAccessKey: "test") }

    /// `test`/`test`: the root of `000000000000`.
    static let test = Credentials(accessKeyID: "test", secretAccessKey: "test")
}
