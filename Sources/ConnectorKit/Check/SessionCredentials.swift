internal import Foundation

/// The role session the check's later steps sign with: first the credentials of the check's own `AssumeRole`
/// step (so the role is assumed once, and CloudTrail shows one event), then, once those expire or a service
/// says they have, whatever `renewal` assumes.
actor SessionCredentials: CredentialsProvider {
    private var first: AWSCredentials?
    private let renewal: AssumeRoleCredentialsProvider
    private let now: @Sendable () -> Date

    init(first: AWSCredentials, renewal: AssumeRoleCredentialsProvider, now: @escaping @Sendable () -> Date) {
        self.first = first
        self.renewal = renewal
        self.now = now
    }

    func credentials() async throws -> AWSCredentials {
        if let first {
            guard let expiration = first.expiration,
                now() >= expiration.addingTimeInterval(-renewal.refreshMargin.timeInterval)
            else { return first }
            self.first = nil
        }
        return try await renewal.credentials()
    }

    func invalidate() async {
        first = nil
        await renewal.invalidate()
    }
}
