import AWSWire
import ConnectorKit
import Testing

/// The core path with no typed client: sign, send in-process, parse the answer or the error.
@Suite struct CoreSmokeTests {
    @Test func getCallerIdentityAsTheConnectorUser() async throws {
        let fixture = try await EmulatorFixture()
        let identity = try await fixture.client(.sts, as: fixture.connector).query("GetCallerIdentity", [])
        #expect(identity.value(at: "GetCallerIdentityResult/Arn") == "arn:aws:iam::808540602285:user/saas-connector")
    }

    @Test func aWrongExternalIDIsAServiceError() async throws {
        let fixture = try await EmulatorFixture()
        let sts = fixture.client(.sts, as: fixture.connector)
        let error = await #expect(throws: ServiceError.self) {
            try await sts.query(
                "AssumeRole",
                [("RoleArn", EmulatorFixture.roleARN), ("RoleSessionName", "connector-session"), ("ExternalId", "reloaded-page")])
        }
        #expect(error?.code == "AccessDenied")
        #expect(error?.status == 403)
        #expect(error?.requestID?.isEmpty == false)
        #expect(error?.message.contains("sts:AssumeRole") == true)
    }
}
