#if canImport(Glibc)
    import Glibc
#endif

/// Waits for a stop signal synchronously.
///
/// The signals are blocked in the calling thread when the waiter is made; threads started afterwards inherit
/// the mask, so the signal stays pending until `wait()` takes it with `sigwait`. No handler runs in signal
/// context, and no async machinery is needed on the main thread.
struct SignalWaiter {
    private var set = sigset_t()

    init(signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Blocks until one of the signals arrives and returns it.
    func wait() -> Int32 {
        var set = set
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }
}
