public import Foundation
public import SigV4

/// Where a client's credentials come from. Called before every signature, so an implementation caches.
public protocol CredentialsProvider: Sendable {
    /// Credentials valid now (refreshed first if they are about to expire).
    func credentials() async throws -> AWSCredentials
    /// Forgets cached credentials, so the next call fetches new ones: the client calls it when the service
    /// says the credentials expired (`ExpiredToken`), as the local clock can be behind the service's.
    func invalidate() async
}

extension CredentialsProvider {
    public func invalidate() async {}
}

/// Credentials with the time they stop working (nil for long-term keys).
public struct AWSCredentials: Sendable, Hashable {
    public var credentials: Credentials
    public var expiration: Date?

    public init(_ credentials: Credentials, expiration: Date? = nil) {
        self.credentials = credentials
        self.expiration = expiration
    }

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.init(
            Credentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken),
            expiration: expiration)
    }
}

/// Fixed credentials (a long-term key, or temporary ones handed over by the caller).
public struct StaticCredentialsProvider: CredentialsProvider {
    public let value: AWSCredentials

    public init(_ value: AWSCredentials) { self.value = value }

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        value = AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
    }

    public func credentials() async throws -> AWSCredentials { value }
}
