public import Foundation

/// Tries providers in order; the first that yields credentials wins and is asked alone from then on (so a
/// role session found once is refreshed by its own provider, and sources are not re-probed on every request).
///
/// Only `CredentialsError.notFound` moves on to the next provider. Any other error (a profile with a key but no
/// secret, an `AssumeRole` the role refused) is thrown at once: a source that is present but broken must not be
/// passed over for another identity. When every provider finds nothing, `CredentialsError.noProviderSucceeded`
/// lists each provider with what it said.
public struct CredentialsProviderChain: CredentialsProvider {
    public let providers: [any CredentialsProvider]
    private let winner = ChainWinner()

    public init(_ providers: [any CredentialsProvider]) {
        self.providers = providers
    }

    /// The environment variables, then the shared files' profile (see `ProfileCredentialsProvider` for
    /// `configuration` and `region`, which a `role_arn` profile needs).
    public static func `default`(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        configuration: ClientConfiguration? = nil, region: String? = nil
    ) -> CredentialsProviderChain {
        CredentialsProviderChain([
            EnvironmentCredentialsProvider(environment: environment),
            ProfileCredentialsProvider(
                profile: profile, environment: environment, configuration: configuration, region: region),
        ])
    }

    public func credentials() async throws -> AWSCredentials {
        if let index = await winner.index { return try await providers[index].credentials() }
        var tried: [String] = []
        for (index, provider) in providers.enumerated() {
            do {
                let credentials = try await provider.credentials()
                await winner.remember(index)
                return credentials
            } catch CredentialsError.notFound(let detail) {
                tried.append("\(type(of: provider)): \(detail)")
            }
        }
        throw CredentialsError.noProviderSucceeded(tried)
    }

    public func invalidate() async {
        guard let index = await winner.index else { return }
        await providers[index].invalidate()
    }
}

/// Which provider of a chain yielded credentials first.
private actor ChainWinner {
    private(set) var index: Int?

    func remember(_ index: Int) {
        if self.index == nil { self.index = index }
    }
}
