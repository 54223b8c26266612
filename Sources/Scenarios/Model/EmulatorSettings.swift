/// The in-process emulator's knobs a scenario may set (the same as `roleplay serve`'s flags), so a scenario can
/// reproduce eventual consistency — a CloudTrail event or a role's last use showing up late — deterministically.
/// nil keeps the emulator's default.
public struct EmulatorSettings: Sendable, Hashable {
    /// `cloudTrailLag`: how long after a call its event becomes visible to `LookupEvents`.
    public var cloudTrailLagSeconds: Int64?
    /// `roleLastUsedLag`: how long after a role is used `RoleLastUsed` shows it.
    public var roleLastUsedLagSeconds: Int64?
    /// `streamChunkDelay`: the pause between chunks of a streamed model answer.
    public var streamChunkDelayMilliseconds: Int?

    public init(
        cloudTrailLagSeconds: Int64? = nil, roleLastUsedLagSeconds: Int64? = nil,
        streamChunkDelayMilliseconds: Int? = nil
    ) {
        self.cloudTrailLagSeconds = cloudTrailLagSeconds
        self.roleLastUsedLagSeconds = roleLastUsedLagSeconds
        self.streamChunkDelayMilliseconds = streamChunkDelayMilliseconds
    }
}
