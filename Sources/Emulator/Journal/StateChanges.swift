import SigV4

/// What changed in the state since the journal last looked (`Emulator.journalChanges`).
///
/// `EmulatorState.changes` holds one only while a journal is open; without `--state-dir` it is nil and
/// tracking costs one nil check per change.
struct StateChanges: Sendable {
    /// Accounts changed through `EmulatorState.withAccount` (or created).
    var accounts: Set<String> = []
    /// Whether any IAM user access key was added, changed or removed.
    var accessKeys = false
    /// `RoleLastUsed` updates, in order.
    var roleUses: [RoleUse] = []
    /// The clock offset the journal holds; a different offset in the state is a clock change.
    var journaledClockOffset: Int64

    var isEmpty: Bool { accounts.isEmpty && !accessKeys && roleUses.isEmpty }
}

/// A role session's request, as `RoleLastUsed` records it.
struct RoleUse: Sendable, Hashable {
    var account: String
    var roleName: String
    var roleID: String
    var date: AmzDate
    var region: String
}
