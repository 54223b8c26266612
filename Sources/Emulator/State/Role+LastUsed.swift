import SigV4

/// `RoleLastUsed` with a lag (`--role-last-used-lag`): AWS shows a use only some time after it (spec §5.3), so
/// the emulator shows a use once virtual time is at least `lag` past it.
///
/// A role keeps the last use that is already visible (`lastUsed`) and the uses still pending, oldest first. What
/// `GetRole` shows at `now` is the newest use at least `lag` old: a newer, still pending use never hides an
/// older visible one, and a use becomes visible exactly `lag` after it happened even when later uses followed.
/// Pending uses are bounded (`maxPendingUses`): when full, the newest pending use is replaced, so a busy role
/// shows at worst a slightly older date for a while, never a date from the future. Uses are kept in the order
/// recorded; after the virtual clock is moved back, a later use may wait for an earlier-dated one to settle.
extension Role {
    /// How many uses may wait for the lag at once.
    static let maxPendingUses = 64

    /// Records a use. Without a lag it is visible at once.
    mutating func recordUse(at date: AmzDate, region: String, lag: Int64) {
        guard lag > 0 else {
            lastUsed = (date, region)
            return
        }
        settleUses(now: date, lag: lag)
        if pendingUses.count >= Self.maxPendingUses { pendingUses.removeLast() }
        pendingUses.append((date, region))
    }

    /// Moves every pending use at least `lag` older than `now` into `lastUsed` (the newest of them wins).
    mutating func settleUses(now: AmzDate, lag: Int64) {
        let due = pendingUses.prefix { $0.date.secondsSince1970 + lag <= now.secondsSince1970 }
        guard let newest = due.last else { return }
        // A use already shown stays shown if the clock was moved back before a later one was recorded.
        if (lastUsed?.date.secondsSince1970 ?? .min) <= newest.date.secondsSince1970 { lastUsed = newest }
        pendingUses.removeFirst(due.count)
    }
}
