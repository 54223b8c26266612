public import Foundation

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` (or the legacy
/// `AWS_SECURITY_TOKEN`), as every AWS SDK reads them. The environment is captured at creation, so tests and
/// callers can pass their own dictionary.
public struct EnvironmentCredentialsProvider: CredentialsProvider {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// - Throws: `CredentialsError.notFound` when neither key variable is set (empty counts as unset),
    ///   `CredentialsError.incomplete` when only one is.
    public func credentials() async throws -> AWSCredentials {
        let id = value("AWS_ACCESS_KEY_ID")
        let secret = value("AWS_SECRET_ACCESS_KEY")
        switch (id, secret) {
        case (nil, nil):
            throw CredentialsError.notFound("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        case (.some, nil):
            throw CredentialsError.incomplete("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        case (nil, .some):
            throw CredentialsError.incomplete("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (let id?, let secret?):
            return AWSCredentials(
                accessKeyID: id, secretAccessKey: secret,
                sessionToken: value("AWS_SESSION_TOKEN") ?? value("AWS_SECURITY_TOKEN"))
        }
    }

    private func value(_ name: String) -> String? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        return text
    }
}
