import SigV4

@testable import Emulator

extension RequestEnvironment {
    /// The environment of a request by the root of `account` at the test epoch, for tests that call an
    /// operation's steps or the fault injector directly (no signing, no pipeline).
    static func testing(
        account: String, streamChunkDelay: Duration = .zero, cutStreamAfterChunks: Int? = nil
    ) -> RequestEnvironment {
        RequestEnvironment(
            identity: IdentityResolver.root(account: account, accessKeyID: account), region: "us-east-1",
            now: TestEndpoint.epoch, requestID: "request-1", sourceIP: nil, userAgent: nil, host: nil,
            ids: IDGenerator(seed: 1), tokens: SessionTokenCodec(keyMaterial: Array(repeating: 7, count: 64)),
            cloudTrail: CloudTrailStore(), streamChunkDelay: streamChunkDelay, cutStreamAfterChunks: cutStreamAfterChunks)
    }
}
