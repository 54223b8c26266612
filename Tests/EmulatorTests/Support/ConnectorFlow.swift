import SigV4

@testable import Emulator

/// The cross-account connector set-up the emulator exists for, built through IAM calls as a customer and a
/// SaaS vendor would build it:
///
/// - SaaS account `808540602285`: user `saas-connector`, allowed `sts:AssumeRole` on `*`, with an access key;
/// - customer account `123456789012`: role `airia-bedrock-access` trusting `arn:aws:iam::808540602285:root`
///   under `StringEquals sts:ExternalId`, with `AmazonBedrockFullAccess` attached.
struct ConnectorFlow: Sendable {
    static let saasAccount = "808540602285"
    static let customerAccount = "123456789012"
    static let userName = "saas-connector"
    static let roleName = "airia-bedrock-access"
    static let externalID = "airia-7f3a9c-external"
    static let userARN = "arn:aws:iam::\(saasAccount):user/\(userName)"
    static let roleARN = "arn:aws:iam::\(customerAccount):role/\(roleName)"
    static let bedrockFullAccess = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"

    /// The connector user's long-term access key.
    let connector: Credentials

    /// A trust policy that lets `principal` perform `actions`, under `StringEquals sts:ExternalId` when given.
    static func trustPolicy(
        principal: String = "arn:aws:iam::\(saasAccount):root", actions: [String] = ["sts:AssumeRole"],
        externalID: String? = ConnectorFlow.externalID
    ) -> String {
        let condition = externalID.map { #","Condition":{"StringEquals":{"sts:ExternalId":"\#($0)"}}"# } ?? ""
        return
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":\#(jsonList(actions))\#(condition)}]}"#
    }

    /// An identity policy allowing `actions` on `*`.
    static func allowPolicy(_ actions: [String]) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":\#(jsonList(actions)),"Resource":"*"}]}"#
    }

    private static func jsonList(_ items: [String]) -> String {
        "[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    /// AssumeRole's parameters for the customer role, with the right External ID unless told otherwise.
    static func assumeRoleParameters(
        sessionName: String = "connector-session", externalID: String? = ConnectorFlow.externalID,
        roleARN: String = ConnectorFlow.roleARN, extra: [(String, String)] = []
    ) -> [(String, String)] {
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName)]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        return parameters + extra
    }
}

extension TestEndpoint {
    /// Builds the connector set-up (see `ConnectorFlow`).
    /// - Throws: `TestEndpointError` naming the IAM call that failed.
    func connectorFlow() throws -> ConnectorFlow {
        let connector = try createUser(
            ConnectorFlow.userName, in: ConnectorFlow.saasAccount, allowing: ["sts:AssumeRole"])
        try createRole(ConnectorFlow.roleName, trust: ConnectorFlow.trustPolicy(), in: ConnectorFlow.customerAccount)
        try call(
            .iam, "AttachRolePolicy",
            ["RoleName": ConnectorFlow.roleName, "PolicyArn": ConnectorFlow.bedrockFullAccess],
            as: .root(ConnectorFlow.customerAccount)
        ).succeeded("AttachRolePolicy")
        return ConnectorFlow(connector: connector)
    }

    /// Creates a role as the account's root.
    /// - Returns: the CreateRole response.
    @discardableResult
    func createRole(
        _ name: String, trust: String, in account: String, path: String = "/", maxSessionDuration: Int? = nil
    ) throws -> TestResponse {
        var parameters = [("RoleName", name), ("AssumeRolePolicyDocument", trust), ("Path", path)]
        if let maxSessionDuration { parameters.append(("MaxSessionDuration", String(maxSessionDuration))) }
        return try call(.iam, "CreateRole", parameters, as: .root(account)).succeeded("CreateRole \(name)")
    }

    /// A new IAM user in `account` with an access key and, when given, an inline policy allowing `actions`.
    func createUser(_ name: String, in account: String, allowing actions: [String] = []) throws -> Credentials {
        let root = Credentials.root(account)
        try call(.iam, "CreateUser", ["UserName": name], as: root).succeeded("CreateUser \(name)")
        if !actions.isEmpty {
            try call(
                .iam, "PutUserPolicy",
                ["UserName": name, "PolicyName": "allow", "PolicyDocument": ConnectorFlow.allowPolicy(actions)],
                as: root
            ).succeeded("PutUserPolicy \(name)")
        }
        let key = try call(.iam, "CreateAccessKey", ["UserName": name], as: root).succeeded("CreateAccessKey \(name)")
        guard let id = key.value("AccessKey/AccessKeyId"), let secret = key.value("AccessKey/SecretAccessKey") else {
            throw TestEndpointError("CreateAccessKey returned no key: \(key.body)")
        }
        return Credentials(accessKeyID: id, secretAccessKey: secret)
    }

    /// AssumeRole on the customer role as the connector user.
    func assumeConnectorRole(
        _ flow: ConnectorFlow, sessionName: String = "connector-session",
        externalID: String? = ConnectorFlow.externalID, extra: [(String, String)] = []
    ) -> TestResponse {
        call(
            .sts, "AssumeRole",
            ConnectorFlow.assumeRoleParameters(sessionName: sessionName, externalID: externalID, extra: extra),
            as: flow.connector)
    }
}
