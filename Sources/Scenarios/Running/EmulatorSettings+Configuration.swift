public import Emulator

extension EmulatorSettings {
    /// The emulator configuration these settings ask for, with `seed`: one translation for the runner's in-process
    /// emulator and for the benchmark's servers, so both run a scenario under the same settings.
    public func configuration(seed: UInt64?) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.seed = seed
        if let lag = cloudTrailLagSeconds, let parsed = DeliveryLag("\(lag)") { configuration.cloudTrailLag = parsed }
        if let lag = roleLastUsedLagSeconds { configuration.roleLastUsedLagSeconds = lag }
        if let delay = streamChunkDelayMilliseconds { configuration.streamChunkDelay = .milliseconds(delay) }
        return configuration
    }
}
