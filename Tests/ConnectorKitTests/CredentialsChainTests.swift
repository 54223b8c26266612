import ConnectorKit
import SigV4
import Testing

/// The environment provider and the provider chain.
@Suite struct CredentialsChainTests {
    @Test func environmentKeysWithSessionToken() async throws {
        let provider = EnvironmentCredentialsProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "token",
            "AWS_SECURITY_TOKEN": "legacy",
        ])
        let credentials = try await provider.credentials()
        #expect(credentials == AWSCredentials(accessKeyID: "AKIAENV", secretAccessKey: "secret", sessionToken: "token"))
    }

    @Test func theLegacySecurityTokenIsRead() async throws {
        let provider = EnvironmentCredentialsProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SECURITY_TOKEN": "legacy",
        ])
        #expect(try await provider.credentials().credentials.sessionToken == "legacy")
    }

    @Test func noVariablesIsNotFound() async throws {
        let error = await #expect(throws: CredentialsError.self) {
            try await EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": ""]).credentials()
        }
        guard case .notFound = error else {
            Issue.record("expected notFound, got \(String(describing: error))")
            return
        }
    }

    @Test func aKeyWithoutSecretIsIncomplete() async throws {
        let error = await #expect(throws: CredentialsError.self) {
            try await EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": "AKIAENV"]).credentials()
        }
        #expect(error?.description.contains("AWS_SECRET_ACCESS_KEY") == true)
    }

    @Test func theFirstProviderWithCredentialsWinsAndIsRemembered() async throws {
        let scratch = try ProfileScratchDirectory()
        let credentialsFile = try scratch.write(
            "credentials", "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n")
        let environment = ["AWS_SHARED_CREDENTIALS_FILE": credentialsFile, "AWS_CONFIG_FILE": scratch.path + "/none"]
        let chain = CredentialsProviderChain.default(environment: environment)
        #expect(try await chain.credentials().credentials.accessKeyID == "AKIAFILE")

        // Remembered: the profile keeps answering, even once the file names another key (read once).
        try scratch.write("credentials", "[default]\naws_access_key_id = AKIANEW\naws_secret_access_key = s\n")
        #expect(try await chain.credentials().credentials.accessKeyID == "AKIAFILE")
        await chain.invalidate()
        #expect(try await chain.credentials().credentials.accessKeyID == "AKIANEW")

        let both = CredentialsProviderChain.default(
            environment: environment.merging(["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "e"]) { $1 })
        #expect(try await both.credentials().credentials.accessKeyID == "AKIAENV")
    }

    @Test func anExhaustedChainListsEveryProvider() async throws {
        let scratch = try ProfileScratchDirectory()
        let environment = [
            "AWS_SHARED_CREDENTIALS_FILE": scratch.path + "/credentials", "AWS_CONFIG_FILE": scratch.path + "/config",
        ]
        let error = await #expect(throws: CredentialsError.self) {
            try await CredentialsProviderChain.default(profile: "ci", environment: environment).credentials()
        }
        guard case .noProviderSucceeded(let tried) = error else {
            Issue.record("expected noProviderSucceeded, got \(String(describing: error))")
            return
        }
        #expect(tried.count == 2)
        #expect(tried[0].hasPrefix("EnvironmentCredentialsProvider: "))
        #expect(tried[1].hasPrefix("ProfileCredentialsProvider: "))
        #expect(tried[1].contains("\"ci\""))
    }

    @Test func aBrokenSourceStopsTheChain() async throws {
        let chain = CredentialsProviderChain([
            EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": "AKIAENV"]),
            StaticCredentialsProvider(accessKeyID: "AKIASTATIC", secretAccessKey: "s"),
        ])
        let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
        guard case .incomplete = error else {
            Issue.record("expected incomplete, got \(String(describing: error))")
            return
        }
    }
}
