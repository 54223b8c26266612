import AWSWire
import ConnectorKit
import ConnectorKitEmulator
import Emulator

/// An emulator in this process with the guide's connector set-up built through IAM calls, and ConnectorKit
/// configured to reach it over `EmulatorTransport`:
///
/// - SaaS account `808540602285`: user `saas-connector`, allowed `sts:AssumeRole` on `*`, with an access key;
/// - customer account `123456789012`: role `airia-bedrock-access` trusting `arn:aws:iam::808540602285:root`
///   under `StringEquals sts:ExternalId`, with `AmazonBedrockFullAccess` attached.
struct EmulatorFixture: Sendable {
    static let saasAccount = "808540602285"
    static let customerAccount = "123456789012"
    static let roleName = "airia-bedrock-access"
    static let externalID = "airia-7f3a9c-external"
    static let roleARN = "arn:aws:iam::\(customerAccount):role/\(roleName)"
    static let region = "us-east-1"

    let emulator: Emulator
    let configuration: ClientConfiguration
    /// The SaaS connector user's long-term key.
    let connector: StaticCredentialsProvider

    /// A fresh emulator with the set-up built. `seed` makes IDs reproducible.
    init(seed: UInt64? = 7) async throws {
        var settings = EmulatorConfiguration()
        settings.seed = seed
        emulator = Emulator(configuration: settings)
        configuration = ClientConfiguration(transport: EmulatorTransport(emulator))
        let user = try await Self.createUser(
            "saas-connector", in: Self.saasAccount, allowing: ["sts:AssumeRole"], configuration: configuration)
        connector = user
        try await iam(as: Self.root(Self.customerAccount)).query(
            "CreateRole",
            [("RoleName", Self.roleName), ("AssumeRolePolicyDocument", Self.trustPolicy(externalID: Self.externalID))])
        try await iam(as: Self.root(Self.customerAccount)).query(
            "AttachRolePolicy",
            [("RoleName", Self.roleName), ("PolicyArn", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess")])
    }

    /// An account's root: the emulator takes a 12-digit access key as that account's root, secret `test`.
    static func root(_ account: String) -> StaticCredentialsProvider {
        StaticCredentialsProvider(accessKeyID: account, secretAccessKey: "test")
    }

    /// A client of `service` signed with `credentials`.
    func client(_ service: AWSService, as credentials: any CredentialsProvider, region: String = region) -> AWSClient {
        AWSClient(service: service, region: region, credentials: credentials, configuration: configuration)
    }

    func iam(as credentials: any CredentialsProvider) -> AWSClient { client(.iam, as: credentials) }

    /// A trust policy for the SaaS account, under `StringEquals sts:ExternalId` when given.
    static func trustPolicy(externalID: String?) -> String {
        let condition = externalID.map { #","Condition":{"StringEquals":{"sts:ExternalId":"\#($0)"}}"# } ?? ""
        return
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(saasAccount):root"},"Action":"sts:AssumeRole"\#(condition)}]}"#
    }

    /// An identity policy allowing `actions` on `*`.
    static func allowPolicy(_ actions: [String]) -> String {
        let list = actions.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[\#(list)],"Resource":"*"}]}"#
    }

    /// A new IAM user with an access key and an inline policy allowing `actions`.
    static func createUser(
        _ name: String, in account: String, allowing actions: [String], configuration: ClientConfiguration
    ) async throws -> StaticCredentialsProvider {
        let iam = AWSClient(service: .iam, region: region, credentials: root(account), configuration: configuration)
        try await iam.query("CreateUser", [("UserName", name)])
        if !actions.isEmpty {
            try await iam.query(
                "PutUserPolicy", [("UserName", name), ("PolicyName", "allow"), ("PolicyDocument", allowPolicy(actions))])
        }
        let key = try await iam.query("CreateAccessKey", [("UserName", name)])
        guard let id = key.value(at: "CreateAccessKeyResult/AccessKey/AccessKeyId"),
            let secret = key.value(at: "CreateAccessKeyResult/AccessKey/SecretAccessKey")
        else { throw FixtureError("CreateAccessKey returned no key") }
        return StaticCredentialsProvider(accessKeyID: id, secretAccessKey: secret)
    }

    /// Moves the emulator's virtual clock forward (`POST /_roleplay/clock`).
    func advanceClock(seconds: Int) {
        let response = emulator.handle(
            HTTPRequest(
                method: "POST", target: "/_roleplay/clock", headers: [HTTPField("Content-Type", "application/json")],
                body: Array(#"{"advance_seconds":\#(seconds)}"#.utf8)))
        precondition(response.status == 200, "clock advance refused")
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension AWSClient {
    /// An IAM/STS query call as the fixture makes them: parses the XML answer.
    @discardableResult
    func query(_ action: String, _ parameters: [(String, String)]) async throws -> XMLElement {
        let version = service == .sts ? "2011-06-15" : "2010-05-08"
        let response = try await send(.query(action: action, version: version, parameters: parameters))
        return try XMLReader().parse(response.body)
    }
}
