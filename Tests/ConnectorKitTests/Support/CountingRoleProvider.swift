import AWSWire
import ConnectorKit

/// Role credentials fetched with AssumeRole and cached until invalidated, counting fetches and invalidations:
/// the smallest provider that shows how `AWSClient` treats an expired token.
actor CountingRoleProvider: CredentialsProvider {
    let sts: AWSClient
    /// Hands out the first credentials forever, as a provider that cannot refresh would.
    let refreshes: Bool
    private var cached: AWSCredentials?
    private(set) var fetches = 0
    private(set) var invalidations = 0

    init(fixture: EmulatorFixture, refreshes: Bool = true) {
        sts = fixture.client(.sts, as: fixture.connector)
        self.refreshes = refreshes
    }

    func credentials() async throws -> AWSCredentials {
        if let cached { return cached }
        let result = try await sts.query(
            "AssumeRole",
            [
                ("RoleArn", EmulatorFixture.roleARN), ("RoleSessionName", "expiry-test"),
                ("ExternalId", EmulatorFixture.externalID), ("DurationSeconds", "900"),
            ])
        guard let id = result.value(at: "AssumeRoleResult/Credentials/AccessKeyId"),
            let secret = result.value(at: "AssumeRoleResult/Credentials/SecretAccessKey"),
            let token = result.value(at: "AssumeRoleResult/Credentials/SessionToken")
        else { throw FixtureError("AssumeRole returned no credentials") }
        fetches += 1
        let fresh = AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
        cached = fresh
        return fresh
    }

    func invalidate() async {
        invalidations += 1
        if refreshes { cached = nil }
    }
}
