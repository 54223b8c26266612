import ConnectorKit
import Foundation
import SigV4
import Testing

/// `ProfileCredentialsProvider` over temporary shared files: sections of both files, comments, missing files
/// and keys, and `role_arn` profiles assumed against the emulator.
@Suite struct ProfileFileTests {
    static let credentialsText = """
        # a comment
        ; another comment
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = secret/with#hash

        [ci]   ; comment after a section
        AWS_Access_Key_ID=AKIACI
        aws_secret_access_key=ci-secret
        aws_session_token = ci-token

        [half]
        aws_access_key_id = AKIAHALF
        """

    static let configText = """
        [default]
        region = eu-west-1

        [profile dev]
        aws_access_key_id = AKIADEV
        aws_secret_access_key = dev-secret
        s3 =
          max_concurrent_requests = 10

        [dev]
        aws_access_key_id = AKIANOTAPROFILE
        aws_secret_access_key = no

        [ci]
        aws_access_key_id = AKIAIGNORED
        aws_secret_access_key = no
        """

    func provider(
        _ profile: String?, in scratch: borrowing ProfileScratchDirectory, extra: [String: String] = [:],
        configuration: ClientConfiguration? = nil
    ) throws -> ProfileCredentialsProvider {
        let environment = [
            "AWS_SHARED_CREDENTIALS_FILE": try scratch.write("credentials", Self.credentialsText),
            "AWS_CONFIG_FILE": try scratch.write("config", Self.configText),
        ].merging(extra) { $1 }
        return ProfileCredentialsProvider(profile: profile, environment: environment, configuration: configuration)
    }

    @Test func theDefaultProfileFromTheCredentialsFile() async throws {
        let scratch = try ProfileScratchDirectory()
        let credentials = try await provider(nil, in: scratch).credentials()
        #expect(credentials == AWSCredentials(accessKeyID: "AKIADEFAULT", secretAccessKey: "secret/with#hash"))
    }

    @Test func aCredentialsSectionWithTokenWinsOverTheConfigFile() async throws {
        let scratch = try ProfileScratchDirectory()
        let credentials = try await provider("ci", in: scratch).credentials()
        #expect(
            credentials == AWSCredentials(accessKeyID: "AKIACI", secretAccessKey: "ci-secret", sessionToken: "ci-token")
        )
    }

    @Test func theConfigFileNeedsTheProfilePrefix() async throws {
        let scratch = try ProfileScratchDirectory()
        #expect(try await provider("dev", in: scratch).credentials().credentials.accessKeyID == "AKIADEV")
    }

    @Test func theProfileComesFromAWSProfile() async throws {
        let scratch = try ProfileScratchDirectory()
        let provider = try provider(nil, in: scratch, extra: ["AWS_PROFILE": "dev"])
        #expect(provider.profile == "dev")
        #expect(try await provider.credentials().credentials.accessKeyID == "AKIADEV")
    }

    @Test func anUnknownProfileIsNotFoundNamingBothFiles() async throws {
        let scratch = try ProfileScratchDirectory()
        let provider = try provider("nope", in: scratch)
        let error = await #expect(throws: CredentialsError.self) { try await provider.credentials() }
        guard case .notFound(let detail) = error else {
            Issue.record("expected notFound, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("\"nope\""))
        #expect(detail.contains(provider.credentialsFilePath))
        #expect(detail.contains(provider.configFilePath))
    }

    @Test func missingFilesAreEmpty() async throws {
        let scratch = try ProfileScratchDirectory()
        let provider = ProfileCredentialsProvider(environment: ["HOME": scratch.path])
        #expect(provider.credentialsFilePath == scratch.path + "/.aws/credentials")
        #expect(provider.configFilePath == scratch.path + "/.aws/config")
        let error = await #expect(throws: CredentialsError.self) { try await provider.credentials() }
        guard case .notFound = error else {
            Issue.record("expected notFound, got \(String(describing: error))")
            return
        }
    }

    @Test func aKeyWithoutSecretIsADescriptiveError() async throws {
        let scratch = try ProfileScratchDirectory()
        let error = await #expect(throws: CredentialsError.self) {
            try await provider("half", in: scratch).credentials()
        }
        guard case .invalidProfile(let profile, let file, let reason) = error else {
            Issue.record("expected invalidProfile, got \(String(describing: error))")
            return
        }
        #expect(profile == "half")
        #expect(file?.hasSuffix("/credentials") == true)
        #expect(reason == "aws_access_key_id without aws_secret_access_key")
    }

    @Test func aLineThatIsNoSettingIsAnError() async throws {
        let scratch = try ProfileScratchDirectory()
        let file = try scratch.write("credentials", "[default]\nthis is not a setting\n")
        let provider = ProfileCredentialsProvider(
            environment: ["AWS_SHARED_CREDENTIALS_FILE": file, "AWS_CONFIG_FILE": scratch.path + "/none"])
        let error = await #expect(throws: CredentialsError.self) { try await provider.credentials() }
        #expect(error?.description.contains("line 2") == true)
    }

    // MARK: role_arn profiles

    /// A config whose `customer` profile assumes the guide's role with the SaaS user's key from `saas`.
    static func roleConfig(key: AWSCredentials, externalID: String) -> String {
        """
        [profile saas]
        aws_access_key_id = \(key.credentials.accessKeyID)
        aws_secret_access_key = \(key.credentials.secretAccessKey)

        [profile customer]
        role_arn = \(EmulatorFixture.roleARN)
        source_profile = saas
        external_id = \(externalID)
        role_session_name = from-profile
        duration_seconds = 900
        """
    }

    func roleProvider(
        _ profile: String, config: String, in scratch: borrowing ProfileScratchDirectory, fixture: EmulatorFixture?
    ) throws -> ProfileCredentialsProvider {
        ProfileCredentialsProvider(
            profile: profile,
            environment: [
                "AWS_CONFIG_FILE": try scratch.write("config", config),
                "AWS_SHARED_CREDENTIALS_FILE": scratch.path + "/none",
            ],
            configuration: fixture?.configuration, region: fixture.map { _ in EmulatorFixture.region })
    }

    @Test func aRoleProfileAssumesTheRoleWithTheSourceProfilesKeys() async throws {
        let fixture = try await EmulatorFixture()
        let scratch = try ProfileScratchDirectory()
        let key = try await fixture.connector.credentials()
        let provider = try roleProvider(
            "customer", config: Self.roleConfig(key: key, externalID: EmulatorFixture.externalID), in: scratch,
            fixture: fixture)

        let session = try await provider.credentials()
        let expiration = try #require(session.expiration)
        #expect(abs(expiration.timeIntervalSince(fixture.emulatorNow) - 900) <= 2)
        let identity = try await STSClient(
            region: EmulatorFixture.region, credentials: provider, configuration: fixture.configuration
        ).getCallerIdentity()
        #expect(identity.arn == "arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/from-profile")
        // The session is cached: one AssumeRole for both calls.
        #expect(try await provider.credentials() == session)
        #expect(try await fixture.assumeRoleEvents(in: EmulatorFixture.saasAccount).count == 1)
    }

    @Test func aRoleProfileWithTheWrongExternalIDIsAccessDenied() async throws {
        let fixture = try await EmulatorFixture()
        let scratch = try ProfileScratchDirectory()
        let key = try await fixture.connector.credentials()
        let provider = try roleProvider(
            "customer", config: Self.roleConfig(key: key, externalID: "wrong"), in: scratch, fixture: fixture)
        let error = await #expect(throws: ServiceError.self) { try await provider.credentials() }
        #expect(error?.code == "AccessDenied")
    }

    @Test(arguments: [
        ("source_profile = saas\ncredential_source = Environment", "credential_source is not supported"),
        ("source_profile = saas\nmfa_serial = arn:aws:iam::808540602285:mfa/me", "mfa_serial needs a token code"),
        ("external_id = x", "role_arn needs a source_profile"),
        ("source_profile = absent", "source_profile \"absent\": profile \"absent\" is in neither"),
        ("source_profile = empty", "source_profile \"empty\": profile \"empty\""),
    ])
    func anUnusableRoleProfileIsInvalid(settings: String, message: String) async throws {
        let scratch = try ProfileScratchDirectory()
        let config = """
            [profile saas]
            aws_access_key_id = AKIAKEY
            aws_secret_access_key = s
            [profile empty]
            region = us-east-1
            [profile customer]
            role_arn = \(EmulatorFixture.roleARN)
            \(settings)
            """
        let provider = ProfileCredentialsProvider(
            profile: "customer",
            environment: [
                "AWS_CONFIG_FILE": try scratch.write("config", config),
                "AWS_SHARED_CREDENTIALS_FILE": scratch.path + "/none",
            ],
            configuration: ClientConfiguration(transport: CannedSuccessTransport(body: "")))
        let error = await #expect(throws: CredentialsError.self) { try await provider.credentials() }
        guard case .invalidProfile(let profile, _, let reason) = error else {
            Issue.record("expected invalidProfile, got \(String(describing: error))")
            return
        }
        #expect(profile == "customer")
        #expect(reason.contains(message), "\(reason)")
    }

    @Test func aRoleProfileWithoutConfigurationOrWithALoopIsInvalid() async throws {
        let scratch = try ProfileScratchDirectory()
        let key = AWSCredentials(accessKeyID: "AKIAKEY", secretAccessKey: "s")
        let unconfigured = try roleProvider(
            "customer", config: Self.roleConfig(key: key, externalID: "x"), in: scratch, fixture: nil)
        let error = await #expect(throws: CredentialsError.self) { try await unconfigured.credentials() }
        #expect(error?.description.contains("needs an STS configuration") == true)

        let fixture = try await EmulatorFixture()
        let loop = """
            [profile a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = a
            """
        let looping = try roleProvider("a", config: loop, in: scratch, fixture: fixture)
        let loopError = await #expect(throws: CredentialsError.self) { try await looping.credentials() }
        #expect(loopError?.description.contains("a -> b -> a") == true)
    }
}
