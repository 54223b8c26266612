import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Spec §8.2: the record CloudTrail writes for each call, per caller type, compared member by member (and in
/// order) with the spec's examples; only the generated IDs are taken from the response.
@Suite("CloudTrail records")
struct CloudTrailRecordTests {
    let endpoint = TestEndpoint()
    static let saasRoot = Credentials.root(ConnectorFlow.saasAccount)
    static let customerRoot = Credentials.root(ConnectorFlow.customerAccount)
    static let userAgent = "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux lang/python#3.11.7"

    /// The connector's AssumeRole with a `User-Agent`, as boto3 sends it.
    func assumeRole(_ flow: ConnectorFlow, externalID: String = ConnectorFlow.externalID) -> TestResponse {
        var request = endpoint.request(
            .sts, "AssumeRole",
            ConnectorFlow.assumeRoleParameters(externalID: externalID, extra: [("DurationSeconds", "3600")]),
            as: flow.connector)
        request.headers.append(HTTPField("User-Agent", Self.userAgent))
        return endpoint.send(request)
    }

    func userID(_ name: String, in account: String) throws -> String {
        try #require(endpoint.emulator.state.account(account)?.user(named: name)?.id)
    }

    @Test("cross-account AssumeRole: the caller's copy is the spec's record, IAMUser identity, no secret")
    func callerCopy() throws {
        let flow = try endpoint.connectorFlow()
        let response = assumeRole(flow)
        let credentials = try #require(response.credentials, "\(response)")
        let record = try #require(try endpoint.records("EventName", "AssumeRole", as: Self.saasRoot).first)
        let roleID = try #require(endpoint.emulator.state.role(arn: ConnectorFlow.roleARN)?.id)
        let expected: JSONValue = [
            "eventVersion": "1.08",
            "userIdentity": [
                "type": "IAMUser",
                "principalId": .string(try userID(ConnectorFlow.userName, in: ConnectorFlow.saasAccount)),
                "arn": .string(ConnectorFlow.userARN), "accountId": .string(ConnectorFlow.saasAccount),
                "accessKeyId": .string(flow.connector.accessKeyID), "userName": .string(ConnectorFlow.userName),
            ],
            "eventTime": "2025-01-15T12:00:00Z", "eventSource": "sts.amazonaws.com", "eventName": "AssumeRole",
            "awsRegion": "us-east-1", "sourceIPAddress": "127.0.0.1", "userAgent": .string(Self.userAgent),
            "requestParameters": [
                "roleArn": .string(ConnectorFlow.roleARN), "roleSessionName": "connector-session",
                "externalId": .string(ConnectorFlow.externalID), "durationSeconds": 3600,
            ],
            "responseElements": [
                "credentials": [
                    "accessKeyId": .string(credentials.accessKeyID),
                    "sessionToken": .string(credentials.sessionToken ?? ""),
                    "expiration": "Jan 15, 2025, 1:00:00 PM",
                ],
                "assumedRoleUser": [
                    "assumedRoleId": .string("\(roleID):connector-session"),
                    "arn": "arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/connector-session",
                ],
            ],
            "requestID": .string(try #require(response.requestID)), "eventID": try #require(record["eventID"]),
            "readOnly": true,
            "resources": [
                [
                    "accountId": .string(ConnectorFlow.customerAccount), "type": "AWS::IAM::Role",
                    "ARN": .string(ConnectorFlow.roleARN),
                ]
            ],
            "eventType": "AwsApiCall", "managementEvent": true,
            "recipientAccountId": .string(ConnectorFlow.saasAccount),
            "sharedEventID": try #require(record["sharedEventID"]), "eventCategory": "Management",
            "tlsDetails": ["clientProvidedHostHeader": .string(TestEndpoint.host)],
        ]
        #expect(record == expected)
        #expect(EventID(record["eventID"]?.stringValue ?? "") != nil)
        #expect(!JSONWriter.string(record).contains(credentials.secretAccessKey))
    }

    @Test("cross-account AssumeRole: the role owner's copy has an AWSAccount identity and the same sharedEventID")
    func roleOwnerCopy() throws {
        let flow = try endpoint.connectorFlow()
        let response = assumeRole(flow)
        try #require(response.status == 200, "\(response)")
        let caller = try #require(try endpoint.records("EventName", "AssumeRole", as: Self.saasRoot).first)
        let owned = try endpoint.records("EventName", "AssumeRole", as: Self.customerRoot)
        try #require(owned.count == 1)
        let owner = owned[0]
        #expect(
            owner["userIdentity"]
                == [
                    "type": "AWSAccount",
                    "principalId": .string(try userID(ConnectorFlow.userName, in: ConnectorFlow.saasAccount)),
                    "accountId": .string(ConnectorFlow.saasAccount),
                ])
        #expect(owner["recipientAccountId"] == .string(ConnectorFlow.customerAccount))
        #expect(owner["sharedEventID"] != nil && owner["sharedEventID"] == caller["sharedEventID"])
        #expect(owner["eventID"] != caller["eventID"])
        #expect(owner["requestID"] == caller["requestID"])
        #expect(owner["requestParameters"] == caller["requestParameters"])
        #expect(owner["responseElements"] == caller["responseElements"])
    }

    @Test("same-account AssumeRole: one record, no sharedEventID")
    func sameAccount() throws {
        let user = try endpoint.createUser("alice", in: "111111111111", allowing: ["sts:AssumeRole"])
        try endpoint.createRole(
            "Local", trust: ConnectorFlow.trustPolicy(principal: "arn:aws:iam::111111111111:root", externalID: nil),
            in: "111111111111")
        endpoint.call(
            .sts, "AssumeRole", ["RoleArn": "arn:aws:iam::111111111111:role/Local", "RoleSessionName": "s1"], as: user
        ).expectSuccess("AssumeRole")
        let records = try endpoint.records("EventName", "AssumeRole", as: .root("111111111111"))
        try #require(records.count == 1)
        #expect(records[0]["sharedEventID"] == nil)
    }

    @Test("failed AssumeRole: AccessDenied with the API's message, responseElements null, caller's history only")
    func failedAssumeRole() throws {
        let flow = try endpoint.connectorFlow()
        let response = assumeRole(flow, externalID: "wrong-external-id")
        #expect(response.errorCode == "AccessDenied")
        let records = try endpoint.records("EventName", "AssumeRole", as: Self.saasRoot)
        try #require(records.count == 1)
        #expect(records[0]["errorCode"] == "AccessDenied")
        #expect(records[0]["errorMessage"] == .string(response.errorMessage ?? "-"))
        #expect(records[0]["responseElements"] == .null)
        #expect(records[0]["sharedEventID"] == nil)
        #expect(records[0].at("requestParameters/externalId") == "wrong-external-id")
        #expect(try endpoint.records("EventName", "AssumeRole", as: Self.customerRoot).isEmpty)
    }

    @Test("a role session's calls land in the role owner's history with an AssumedRole identity")
    func assumedRoleIdentity() throws {
        let flow = try endpoint.connectorFlow()
        let session = try #require(assumeRole(flow).credentials)
        endpoint.call(.sts, "GetCallerIdentity", as: session).expectSuccess("GetCallerIdentity")
        let role = try #require(endpoint.emulator.state.role(arn: ConnectorFlow.roleARN))
        let records = try endpoint.records("EventName", "GetCallerIdentity", as: Self.customerRoot)
        try #require(records.count == 1)
        #expect(
            records[0]["userIdentity"]
                == [
                    "type": "AssumedRole", "principalId": .string("\(role.id):connector-session"),
                    "arn": "arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/connector-session",
                    "accountId": .string(ConnectorFlow.customerAccount), "accessKeyId": .string(session.accessKeyID),
                    "sessionContext": [
                        "sessionIssuer": [
                            "type": "Role", "principalId": .string(role.id), "arn": .string(ConnectorFlow.roleARN),
                            "accountId": .string(ConnectorFlow.customerAccount),
                            "userName": .string(ConnectorFlow.roleName),
                        ],
                        "attributes": ["creationDate": "2025-01-15T12:00:00Z", "mfaAuthenticated": "false"],
                    ],
                ])
        #expect(records[0]["requestParameters"] == .null)
        #expect(try endpoint.records("EventName", "GetCallerIdentity", as: Self.saasRoot).isEmpty)
    }

    @Test("a source identity shows in the session's sessionContext")
    func sourceIdentity() throws {
        let flow = try endpoint.connectorFlow()
        try endpoint.call(
            .iam, "UpdateAssumeRolePolicy",
            [
                "RoleName": ConnectorFlow.roleName,
                "PolicyDocument": ConnectorFlow.trustPolicy(actions: ["sts:AssumeRole", "sts:SetSourceIdentity"]),
            ], as: Self.customerRoot
        ).succeeded("UpdateAssumeRolePolicy")
        try endpoint.call(
            .iam, "PutUserPolicy",
            [
                "UserName": ConnectorFlow.userName, "PolicyName": "allow",
                "PolicyDocument": ConnectorFlow.allowPolicy(["sts:AssumeRole", "sts:SetSourceIdentity"]),
            ], as: Self.saasRoot
        ).succeeded("PutUserPolicy")
        let response = endpoint.assumeConnectorRole(flow, extra: [("SourceIdentity", "alice@example.com")])
        let session = try #require(response.credentials, "\(response)")
        endpoint.call(.sts, "GetCallerIdentity", as: session).expectSuccess("GetCallerIdentity")
        let record = try #require(try endpoint.records("EventName", "GetCallerIdentity", as: Self.customerRoot).first)
        #expect(record.at("userIdentity/sessionContext/sourceIdentity") == "alice@example.com")
    }

    @Test("root calls record a Root identity; IAM calls are recorded in us-east-1 whatever the signing region")
    func rootIdentity() throws {
        endpoint.call(.iam, "CreateUser", ["UserName": "bob"], as: .root("111111111111"), region: "eu-west-1")
            .expectSuccess("CreateUser")
        let records = try endpoint.records("EventName", "CreateUser", as: .root("111111111111"))
        try #require(records.count == 1)
        #expect(
            records[0]["userIdentity"]
                == [
                    "type": "Root", "principalId": "111111111111", "arn": "arn:aws:iam::111111111111:root",
                    "accountId": "111111111111", "accessKeyId": "111111111111",
                ])
        #expect(records[0]["awsRegion"] == "us-east-1")
        #expect(records[0]["eventSource"] == "iam.amazonaws.com")
        #expect(records[0]["readOnly"] == false)
        #expect(records[0]["requestParameters"] == ["userName": "bob"])
    }

    @Test("GetSessionToken: credentials without the secret; the session's calls act as the user")
    func getSessionToken() throws {
        let user = try endpoint.createUser("carol", in: "111111111111")
        let response = endpoint.call(.sts, "GetSessionToken", ["DurationSeconds": "900"], as: user)
        let session = try #require(response.credentials, "\(response)")
        let record = try #require(try endpoint.records("EventName", "GetSessionToken", as: .root("111111111111")).first)
        #expect(record["requestParameters"] == ["durationSeconds": 900])
        #expect(
            record["responseElements"]
                == [
                    "credentials": [
                        "accessKeyId": .string(session.accessKeyID),
                        "sessionToken": .string(session.sessionToken ?? ""),
                        "expiration": "Jan 15, 2025, 12:15:00 PM",
                    ]
                ])
        #expect(!JSONWriter.string(record).contains(session.secretAccessKey))
        endpoint.call(.sts, "GetCallerIdentity", as: session).expectSuccess("GetCallerIdentity")
        let call = try #require(try endpoint.records("EventName", "GetCallerIdentity", as: .root("111111111111")).first)
        #expect(call.at("userIdentity/type") == "IAMUser")
        #expect(call.at("userIdentity/userName") == "carol")
        #expect(call.at("userIdentity/sessionContext/attributes/creationDate") == "2025-01-15T12:00:00Z")
    }

    @Test("a renamed user's later calls show the new name (identities are not reused across a rename)")
    func renamedUser() throws {
        let user = try endpoint.createUser("erin", in: "111111111111")
        endpoint.call(.sts, "GetCallerIdentity", as: user).expectSuccess("GetCallerIdentity")
        try endpoint.call(.iam, "UpdateUser", ["UserName": "erin", "NewUserName": "erin2"], as: .root("111111111111"))
            .succeeded("UpdateUser")
        endpoint.call(.sts, "GetCallerIdentity", as: user).expectSuccess("GetCallerIdentity")
        let records = try endpoint.records("EventName", "GetCallerIdentity", as: .root("111111111111"))
        #expect(records.map { $0.at("userIdentity/userName") } == ["erin2", "erin"])
        #expect(
            records.map { $0.at("userIdentity/arn") } == [
                "arn:aws:iam::111111111111:user/erin2", "arn:aws:iam::111111111111:user/erin",
            ])
    }

    @Test("a request that fails authentication is not recorded")
    func authenticationFailure() throws {
        let wrong = Credentials(accessKeyID: "111111111111", secretAccessKey: "not-the-secret")
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: wrong).status == 403)
        #expect(try endpoint.records(as: .root("111111111111")).isEmpty)
    }

    @Test("a validation error of an authenticated caller is recorded with its code")
    func validationError() throws {
        let response = endpoint.call(
            .sts, "AssumeRole", ["RoleArn": "arn:aws:iam::222222222222:role/R", "RoleSessionName": "x"],
            as: .root("111111111111"))
        #expect(response.errorCode == "ValidationError")
        let record = try #require(try endpoint.records("EventName", "AssumeRole", as: .root("111111111111")).first)
        #expect(record["errorCode"] == "ValidationError")
        #expect(record["errorMessage"] == .string(response.errorMessage ?? "-"))
        #expect(record["requestParameters"] == ["roleArn": "arn:aws:iam::222222222222:role/R", "roleSessionName": "x"])
        #expect(record["responseElements"] == .null)
    }

    @Test("expirations are written in the English medium form, noon and midnight as 12")
    func englishMediumDates() {
        #expect(TrailDate.englishMedium(1_736_946_000) == "Jan 15, 2025, 1:00:00 PM")
        #expect(TrailDate.englishMedium(1_736_942_400) == "Jan 15, 2025, 12:00:00 PM")
        #expect(TrailDate.englishMedium(1_735_689_600) == "Jan 1, 2025, 12:00:00 AM")
        #expect(TrailDate.englishMedium(1_767_225_599) == "Dec 31, 2025, 11:59:59 PM")
    }
}
