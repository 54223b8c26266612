import ArgumentParser

/// Who can reach a server bound to a host, and what `roleplay serve` and `scenario record` say or refuse about it
/// (docs/security.md). Loopback is the only bind that keeps other machines out; anything else, the wildcards
/// `0.0.0.0` and `::` included, gets a warning on standard error whatever the log level, because quieting the log
/// must not hide that the emulator is reachable off the machine.
enum BindExposure {
    /// The warning for `host`; nil on loopback.
    static func warning(host: String, isLoopback: Bool, adminProtected: Bool?) -> String? {
        guard !isLoopback else { return nil }
        let reach = "\(host) is not a loopback address: other machines can send requests (plain HTTP, no TLS)"
        switch adminProtected {
        case nil: return reach
        case true?: return reach + "; the admin API requires the bearer token"
        case false?: return reach + ", and the admin API is open to them (--allow-open-admin)"
        }
    }

    /// Refuses an admin API open beyond loopback: anyone on the network could reset the state, move the clock or
    /// read the state view. `--admin-token` closes it; `--allow-open-admin` accepts the risk explicitly.
    static func checkAdmin(host: String, isLoopback: Bool, hasToken: Bool, allowOpenAdmin: Bool) throws(ValidationError)
    {
        guard !isLoopback, !hasToken, !allowOpenAdmin else { return }
        throw ValidationError(
            "--host \(host) is not a loopback address, so other machines could use the unauthenticated admin API "
                + "(/_roleplay/*: reset, clock, state); set --admin-token TOKEN (or ROLEPLAY_ADMIN_TOKEN), "
                + "or pass --allow-open-admin to accept that")
    }
}
