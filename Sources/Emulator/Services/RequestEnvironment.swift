import PolicyEngine
public import SigV4

/// What a handler knows about the request besides its input: who calls, where, when, and how to make IDs.
///
/// Handlers never read a global, the wall clock or a random source; all of that arrives here, so the same
/// request against the same state gives the same answer (with `--seed`, byte for byte).
public struct RequestEnvironment: Sendable {
    public var identity: Identity
    /// The region of the credential scope (`us-east-1` when the request was unsigned).
    public var region: String
    /// Virtual now.
    public var now: AmzDate
    public var requestID: String
    /// The peer address (`aws:SourceIp`), when the request came over a socket.
    public var sourceIP: String?
    /// The `User-Agent` and `Host` headers, as CloudTrail records them (`userAgent`, `tlsDetails`).
    public var userAgent: String?
    public var host: String?
    let ids: IDGenerator
    let tokens: SessionTokenCodec
    /// Event history, for LookupEvents.
    let cloudTrail: CloudTrailStore
    /// Where STS leaves the credentials it mints, for the call's CloudTrail record.
    let issued = IssuedCredentials()
    /// The pause between a Bedrock Runtime stream's frames (`EmulatorConfiguration.streamChunkDelay`).
    var streamChunkDelay: Duration = .zero
    /// Set by a `cut_stream_after` fault rule: a streamed response ends after this many chunks (docs/faults.md).
    public var cutStreamAfterChunks: Int? = nil

    /// The global condition keys AWS sets on every request (`aws:CurrentTime`, `aws:SourceIp`, …), plus `extra`.
    func context(_ extra: RequestContext = RequestContext()) -> RequestContext {
        var context = extra
        context.set("aws:CurrentTime", now.iso8601())
        context.set("aws:EpochTime", String(now.secondsSince1970))
        context.set("aws:RequestedRegion", region)
        context.set("aws:SecureTransport", "false")
        if let sourceIP { context.set("aws:SourceIp", sourceIP) }
        if let session = identity.session {
            // Present only for temporary credentials, as on AWS.
            context.set("aws:MultiFactorAuthPresent", session.multiFactorAuthenticated ? "true" : "false")
            context.set("aws:TokenIssueTime", AmzDate(secondsSince1970: session.issuedAt).iso8601())
            if let sourceIdentity = session.sourceIdentity { context.set("aws:SourceIdentity", sourceIdentity) }
        }
        return context
    }
}
