import SigV4

/// The connector's identities, created through the normal IAM API as the README's connector flow does: the SaaS
/// account's user allowed `sts:AssumeRole` (and its access key), and the customer's role trusting the SaaS account
/// under an External ID, with Bedrock and CloudTrail read access attached.
struct SoakIdentities: Sendable {
    var saasAccount = "808540602285"
    var customerAccount = "123456789012"
    var roleName = "soak-bedrock-access"
    var externalID = "soak-external-id-0123456789abcdef"
    var model = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
    /// The SaaS user's key (set by `seed`).
    var saasUser = Credentials(accessKeyID: "", secretAccessKey: "")

    var roleARN: String { "arn:aws:iam::\(customerAccount):role/\(roleName)" }

    /// An account's root under the identity convention (access key = account ID, secret `test`).
    static func root(_ account: String) -> Credentials { Credentials(accessKeyID: account, secretAccessKey: "test") }

    /// Creates the identities; every call's request ID goes into `tally` (they are CloudTrail events too).
    /// - Throws: `SoakFailure` naming the call that did not answer 200.
    mutating func seed(_ requests: SoakRequests, on connection: SoakConnection, into tally: inout SoakTally) throws {
        let saas = Self.root(saasAccount)
        let customer = Self.root(customerAccount)
        let assume =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#
        let trust =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::"#
            + saasAccount + #":root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":""#
            + externalID + #""}}}]}"#
        let calls: [(Credentials, String, [(String, String)])] = [
            (saas, "CreateUser", [("UserName", "saas-connector")]),
            (
                saas, "PutUserPolicy",
                [("UserName", "saas-connector"), ("PolicyName", "assume-roles"), ("PolicyDocument", assume)]
            ),
            (customer, "CreateRole", [("RoleName", roleName), ("AssumeRolePolicyDocument", trust)]),
            (
                customer, "AttachRolePolicy",
                [("RoleName", roleName), ("PolicyArn", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess")]
            ),
            (
                customer, "AttachRolePolicy",
                [("RoleName", roleName), ("PolicyArn", "arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess")]
            ),
            (saas, "CreateAccessKey", [("UserName", "saas-connector")]),
        ]
        for (credentials, action, parameters) in calls {
            let response = try connection.exchange(requests.query("iam", action, parameters, as: credentials))
            guard response.status == 200, let requestID = response.requestID else {
                throw SoakFailure("seeding: iam \(action) answered \(response.status): \(response.text.prefix(300))")
            }
            tally.successes.append(.init(requestID: requestID, accounts: [credentials.accessKeyID]))
            if action == "CreateAccessKey" {
                guard let key = SoakErrorCode.element("AccessKeyId", in: response.text),
                    let secret = SoakErrorCode.element("SecretAccessKey", in: response.text)
                else { throw SoakFailure("seeding: CreateAccessKey returned no key") }
                saasUser = Credentials(accessKeyID: key, secretAccessKey: secret)
            }
        }
    }
}

/// Why the soak failed, in one line for the report.
struct SoakFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
