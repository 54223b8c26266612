import AWSWire
import ArgumentParser
import Foundation
import Emulator
import SigV4

extension Roleplay {
    /// `roleplay bench emulator`: requests/s of `Emulator.handle` in-process, no socket — the pipeline's own cost
    /// (route, verify, decode, authorize, execute, record, encode) for the requests the server benchmarks replay:
    /// GetCallerIdentity and AssumeRole by the connector's IAM user, and InvokeModel and Converse (1 KB prompt,
    /// through the `us.` profile) by the assumed role's session.
    ///
    /// The set-up goes through the emulator's own IAM API (a user allowed `sts:AssumeRole`, a role trusting its
    /// account with an External ID); each figure's request is signed once and replayed, as `wrk` replays it, and
    /// must answer 200 before anything is timed.
    struct EmulatorBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "emulator",
            abstract:
                "Emulator.handle requests/s in-process (GetCallerIdentity, AssumeRole, InvokeModel, Converse) on one thread.")

        @OptionGroup var options: BenchOptions

        @Option(help: "Only the figures whose name contains this text (for a profiler).")
        var filter: String?

        func run() throws {
            #if DEBUG
                print("warning: debug build; build with `swift build -c release` for real figures")
            #endif
            let bench = try Setup()
            let figures: [(String, HTTPRequest)] = [
                ("emulator.get_caller_identity", bench.getCallerIdentity), ("emulator.assume_role", bench.assumeRole),
                ("emulator.invoke_model", bench.invokeModel), ("emulator.converse", bench.converse),
            ].filter { figure in filter.map { figure.0.contains($0) } ?? true }
            for (name, request) in figures {
                let response = bench.emulator.handle(request)
                guard response.status == 200 else {
                    throw ValidationError("\(name) answered \(response.status): \(Setup.text(response))")
                }
            }
            var rates = [[Double]](repeating: [], count: figures.count)
            for _ in 0..<options.runs {
                for (i, figure) in figures.enumerated() {
                    rates[i].append(Throughput.rate(seconds: options.seconds) { _ = bench.emulator.handle(figure.1) })
                }
            }
            for (i, figure) in figures.enumerated() {
                let throughput = Throughput(rates: rates[i])
                print("\(figure.0): \(formatRate(throughput.median)) req/s (median of \(options.runs), spread \(throughput.spreadPercent)%)")
            }
        }
    }
}

/// The accounts, user, key and role the benchmark requests need, made through the IAM API.
struct Setup {
    let emulator: Emulator
    let getCallerIdentity: HTTPRequest
    let assumeRole: HTTPRequest
    let invokeModel: HTTPRequest
    let converse: HTTPRequest
    /// The inference profile the Bedrock requests go through, and their prompt (about 1 KB).
    static let profile = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
    static let prompt =
        "Say hello. " + (0..<18).map { "Sentence number \($0) pads the prompt to about one kilobyte." }.joined(separator: " ")
    /// The instant every request is signed at; the emulator's wall clock is pinned to it.
    static let time = AmzDate(secondsSince1970: 1_736_942_400)

    init() throws {
        var configuration = EmulatorConfiguration()
        configuration.wallClock = { Setup.time }
        emulator = Emulator(configuration: configuration)
        let saas = Credentials(accessKeyID: "111111111111", secretAccessKey: "test")
        let customer = Credentials(accessKeyID: "222222222222", secretAccessKey: "test")
        try Self.expect200(emulator, Self.sign("iam", [("Action", "CreateUser"), ("UserName", "bench")], saas))
        let allow = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#
        try Self.expect200(
            emulator,
            Self.sign(
                "iam",
                [("Action", "PutUserPolicy"), ("UserName", "bench"), ("PolicyName", "assume"), ("PolicyDocument", allow)],
                saas))
        let key = try Self.expect200(emulator, Self.sign("iam", [("Action", "CreateAccessKey"), ("UserName", "bench")], saas))
        guard let id = Self.element("AccessKeyId", in: key), let secret = Self.element("SecretAccessKey", in: key) else {
            throw ValidationError("CreateAccessKey returned no key: \(key)")
        }
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"bench-external-id"}}}]}"#
        try Self.expect200(
            emulator,
            Self.sign(
                "iam", [("Action", "CreateRole"), ("RoleName", "bench-role"), ("AssumeRolePolicyDocument", trust)],
                customer))
        let user = Credentials(accessKeyID: id, secretAccessKey: secret)
        getCallerIdentity = try Self.sign("sts", [("Action", "GetCallerIdentity")], user)
        assumeRole = try Self.sign(
            "sts",
            [
                ("Action", "AssumeRole"), ("RoleArn", "arn:aws:iam::222222222222:role/bench-role"),
                ("RoleSessionName", "bench"), ("ExternalId", "bench-external-id"),
            ], user)
        try Self.expect200(
            emulator,
            Self.sign(
                "iam",
                [
                    ("Action", "AttachRolePolicy"), ("RoleName", "bench-role"),
                    ("PolicyArn", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"),
                ], customer))
        let assumed = try Self.expect200(emulator, assumeRole)
        guard let sessionKey = Self.element("AccessKeyId", in: assumed),
            let sessionSecret = Self.element("SecretAccessKey", in: assumed),
            let token = Self.element("SessionToken", in: assumed)
        else { throw ValidationError("AssumeRole returned no credentials: \(assumed)") }
        let session = Credentials(accessKeyID: sessionKey, secretAccessKey: sessionSecret, sessionToken: token)
        let text = JSONValue.string(Self.prompt)
        invokeModel = try Self.signBedrock(
            "invoke",
            [
                "anthropic_version": "bedrock-2023-05-31", "max_tokens": 256,
                "messages": [["role": "user", "content": [["type": "text", "text": text]]]],
            ], session)
        converse = try Self.signBedrock(
            "converse", ["messages": [["role": "user", "content": [["text": text]]]], "inferenceConfig": ["maxTokens": 256]],
            session)
    }

    /// A signed Bedrock Runtime request through the profile, as botocore sends it.
    static func signBedrock(_ operation: String, _ body: JSONValue, _ credentials: Credentials) throws -> HTTPRequest {
        let unsigned = SigV4Request(
            method: "POST", path: "/model/\(profile.replacing(":", with: "%3A"))/\(operation)",
            headers: [
                HTTPHeader("Host", "127.0.0.1:4590"), HTTPHeader("Content-Type", "application/json"),
                HTTPHeader("Accept", "application/json"),
            ], body: JSONWriter.bytes(body))
        return request(try Signer(credentials: credentials, region: "us-east-1", service: "bedrock").sign(unsigned, at: time))
    }

    /// A signed query-protocol request as botocore sends it.
    static func sign(_ service: String, _ parameters: [(String, String)], _ credentials: Credentials) throws -> HTTPRequest {
        let version = service == "iam" ? "2010-05-08" : "2011-06-15"
        var list = parameters.map { QueryParameters.Parameter($0.0, $0.1) }
        list.insert(QueryParameters.Parameter("Version", version), at: 1)
        let body = QueryParameters(list).formEncoded
        let unsigned = SigV4Request(
            method: "POST", path: "/",
            headers: [
                HTTPHeader("Host", "127.0.0.1:4590"),
                HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ], body: Array(body.utf8))
        return request(try Signer(credentials: credentials, region: "us-east-1", service: service).sign(unsigned, at: time))
    }

    static func request(_ signed: SignedRequest) -> HTTPRequest {
        HTTPRequest(
            method: signed.request.method, target: signed.request.target,
            headers: signed.request.headers.map { HTTPField($0.name, $0.value) }, body: signed.request.body)
    }

    @discardableResult
    static func expect200(_ emulator: Emulator, _ request: HTTPRequest) throws -> String {
        let response = emulator.handle(request)
        guard response.status == 200 else { throw ValidationError("set-up failed (\(response.status)): \(text(response))") }
        return text(response)
    }

    static func text(_ response: HTTPResponse) -> String {
        if case .bytes(let bytes) = response.body { return String(decoding: bytes, as: UTF8.self) }
        return "(stream)"
    }

    /// The text of the first `<name>` element (the set-up reads two fields of one response; no XML parser needed).
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"), let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }
}
