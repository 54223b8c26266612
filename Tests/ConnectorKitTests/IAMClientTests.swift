import ConnectorKit
import Foundation
import SigV4
import Testing

/// `IAMClient` against the emulator, as the customer account's root: a role's life cycle, its policies, a user
/// with a key, and typed errors.
@Suite struct IAMClientTests {
    static let account = EmulatorFixture.customerAccount

    func iam(_ fixture: EmulatorFixture) -> IAMClient {
        IAMClient(credentials: EmulatorFixture.root(Self.account), configuration: fixture.configuration)
    }

    @Test func aRolesLifeCycle() async throws {
        let fixture = try await EmulatorFixture()
        let iam = iam(fixture)
        let trust = EmulatorFixture.trustPolicy(externalID: "ext-1")
        let created = try await iam.createRole(
            name: "connector", trustPolicy: trust, path: "/saas/", maxSessionDuration: 7200, description: "a connector")
        #expect(created.name == "connector")
        #expect(created.arn == "arn:aws:iam::123456789012:role/saas/connector")
        #expect(created.roleID.hasPrefix("AROA"))
        #expect(created.path == "/saas/")
        #expect(created.trustPolicy == trust)
        #expect(created.maxSessionDuration == 7200)
        #expect(created.description == "a connector")
        let createDate = try #require(created.createDate)
        #expect(abs(createDate.timeIntervalSince(fixture.emulatorNow)) <= 2)

        let fetched = try await iam.getRole(name: "connector")
        #expect(fetched == created)
        #expect(fetched.lastUsedDate == nil)

        let newTrust = EmulatorFixture.trustPolicy(externalID: "ext-2")
        try await iam.updateAssumeRolePolicy(roleName: "connector", policy: newTrust)
        #expect(try await iam.getRole(name: "connector").trustPolicy == newTrust)

        try await iam.deleteRole(name: "connector")
        let error = await #expect(throws: ServiceError.self) { try await iam.getRole(name: "connector") }
        #expect(error?.code == "NoSuchEntity")
        #expect(error?.status == 404)
        #expect(error?.service == .iam)
        #expect(error?.operation == "GetRole")
    }

    @Test func getRoleReportsTheLastUse() async throws {
        let fixture = try await EmulatorFixture()
        let before = try await iam(fixture).getRole(name: EmulatorFixture.roleName)
        #expect(before.lastUsedDate == nil)

        let session = try await fixture.connectorSTS.assumeRole(EmulatorFixture.connectorRequest())
        _ = try await STSClient(
            region: "us-west-2", credentials: StaticCredentialsProvider(session.credentials),
            configuration: fixture.configuration
        ).getCallerIdentity()
        let after = try await iam(fixture).getRole(name: EmulatorFixture.roleName)
        #expect(after.lastUsedRegion == "us-west-2")
        #expect(after.lastUsedDate != nil)
    }

    @Test func attachedAndInlinePolicies() async throws {
        let fixture = try await EmulatorFixture()
        let iam = iam(fixture)
        try await iam.createRole(name: "worker", trustPolicy: EmulatorFixture.trustPolicy(externalID: nil))
        let managed = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"
        try await iam.attachRolePolicy(roleName: "worker", policyARN: managed)
        try await iam.putRolePolicy(
            roleName: "worker", policyName: "inline", document: EmulatorFixture.allowPolicy(["bedrock:InvokeModel"]))

        // Attached and inline policies block deletion until removed.
        let conflict = await #expect(throws: ServiceError.self) { try await iam.deleteRole(name: "worker") }
        #expect(conflict?.code == "DeleteConflict")
        try await iam.detachRolePolicy(roleName: "worker", policyARN: managed)
        try await iam.deleteRolePolicy(roleName: "worker", policyName: "inline")
        try await iam.deleteRole(name: "worker")

        let notAttached = await #expect(throws: ServiceError.self) {
            try await iam.detachRolePolicy(
                roleName: EmulatorFixture.roleName, policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess")
        }
        #expect(notAttached?.code == "NoSuchEntity")
        #expect(notAttached?.status == 404)
    }

    @Test func aUserWithAnInlinePolicyAndAKey() async throws {
        let fixture = try await EmulatorFixture()
        let iam = iam(fixture)
        try await iam.createUser(name: "auditor")
        try await iam.putUserPolicy(
            userName: "auditor", policyName: "read", document: EmulatorFixture.allowPolicy(["iam:GetRole"]))
        let key = try await iam.createAccessKey(userName: "auditor")
        #expect(key.expiration == nil)
        #expect(key.credentials.sessionToken == nil)
        #expect(key.credentials.accessKeyID.hasPrefix("AKIA"))

        let asAuditor = IAMClient(credentials: StaticCredentialsProvider(key), configuration: fixture.configuration)
        #expect(try await asAuditor.getRole(name: EmulatorFixture.roleName).name == EmulatorFixture.roleName)
        let denied = await #expect(throws: ServiceError.self) {
            try await asAuditor.deleteRole(name: EmulatorFixture.roleName)
        }
        #expect(denied?.code == "AccessDenied")

        let missing = await #expect(throws: ServiceError.self) {
            try await iam.putUserPolicy(
                userName: "nobody", policyName: "p", document: EmulatorFixture.allowPolicy(["s3:*"]))
        }
        #expect(missing?.code == "NoSuchEntity")
    }
}
