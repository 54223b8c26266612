import Glibc

/// Reads the allocation counter of `scripts/bench-sign-peers.py`'s preloaded `malloc` shim.
///
/// No in-process way is clean: glibc's `mallinfo2()` reports bytes in use, not a count of calls (and
/// the bytes are back to the same value after every signature), and the Swift runtime's allocation hook
/// (`_swift_allocObject`) switches the runtime to a retain/release path that crashes on tagged values
/// (small strings). So the count comes from a shim preloaded with `LD_PRELOAD`, which forwards `malloc`,
/// `calloc`, `realloc` and the aligned variants to glibc (`__libc_malloc` …) and adds one to the exported
/// `roleplay_bench_allocations` per call. It counts every allocation: Swift objects and buffers
/// (`swift_allocObject` and `swift_slowAlloc` both end in `malloc`) and any from C.
enum MallocCounter {
    /// The shim's counter, or nil when it is not preloaded. The shim increments it atomically; it is only
    /// read here, between loops, on the benchmark's one thread.
    static var counter: UnsafeMutablePointer<UInt>? {
        dlsym(nil, "roleplay_bench_allocations")?.assumingMemoryBound(to: UInt.self)
    }

    static var isAvailable: Bool { counter != nil }

    /// Mean number of allocation calls per call of `body`, or nil without the shim.
    static func count(iterations: Int, _ body: () -> Void) -> Double? {
        guard let counter, iterations > 0 else { return nil }
        let before = counter.pointee
        for _ in 0..<iterations { body() }
        return Double(counter.pointee &- before) / Double(iterations)
    }
}
