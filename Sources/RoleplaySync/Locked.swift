#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The project's lock: a value behind a `pthread_mutex_t`, with the standard `Mutex`'s `withLock` shape.
///
/// Why not `Synchronization.Mutex`: on Linux it locks with the `futex` system call from the uninstrumented
/// `libswiftSynchronization.so` and carries no TSan annotations, so under `--sanitize=thread` TSan sees no
/// happens-before edge between two critical sections and reports every access to the protected value as a
/// race (docs/reliability.md, "Sanitizers"). TSan intercepts `pthread_mutex_lock`/`unlock`, so with this lock
/// its reports are exact. The acquire/release annotations below add the same edge explicitly, in case a build
/// links a pthread that TSan does not intercept; they cost one predictable branch when TSan is absent.
///
/// `@unchecked Sendable`: `value` is only read or written between `pthread_mutex_lock` and `_unlock` on
/// `mutex`, which is allocated once, never moves, and is destroyed in `deinit`.
public final class Locked<Value: ~Copyable>: @unchecked Sendable {
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init(_ value: consuming sending Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value, as `Mutex.withLock` does.
    public func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        pthread_mutex_lock(mutex)
        let address = UnsafeMutableRawPointer(mutex)
        ThreadSanitizer.acquire(address)
        defer {
            ThreadSanitizer.release(address)
            pthread_mutex_unlock(mutex)
        }
        return try body(&value)
    }
}

/// ThreadSanitizer's annotation entry points when the TSan runtime is linked in, else nothing.
enum ThreadSanitizer {
    private typealias Annotation = @convention(c) (UnsafeMutableRawPointer?) -> Void

    /// Resolved once; nil in builds without `--sanitize=thread` (the runtime exports these symbols when present).
    private static let annotations: (acquire: Annotation, release: Annotation)? = {
        #if canImport(Glibc) || canImport(Darwin)
            let defaultHandle = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT on Darwin
            #if canImport(Glibc)
                let handle: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT on glibc
            #else
                let handle = defaultHandle
            #endif
            guard let acquire = dlsym(handle, "__tsan_acquire"), let release = dlsym(handle, "__tsan_release")
            else { return nil }
            return (unsafeBitCast(acquire, to: Annotation.self), unsafeBitCast(release, to: Annotation.self))
        #else
            return nil
        #endif
    }()

    static func acquire(_ address: UnsafeMutableRawPointer) { annotations?.acquire(address) }
    static func release(_ address: UnsafeMutableRawPointer) { annotations?.release(address) }
}
