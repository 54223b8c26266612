import Foundation
import RoleplaySync
import Testing

/// `Locked` is the lock ThreadSanitizer can see (docs/reliability.md, "Sanitizers"): these tests hammer one from
/// several threads, so a normal run checks the count and a `make test-tsan` run checks that TSan reports nothing.
@Suite("Locked")
struct LockedTests {
    @Test("increments from four threads all land, and each section sees the value exclusively")
    func concurrentIncrements() {
        let counter = Locked(0)
        let threads = 4
        let perThread = 5_000
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<perThread { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == threads * perThread)
    }

    @Test("a thrown error leaves the lock released and the change made before the throw")
    func throwingBody() {
        struct Stop: Error {}
        let value = Locked([1])
        #expect(throws: Stop.self) {
            try value.withLock { (array: inout [Int]) throws(Stop) in
                array.append(2)
                throw Stop()
            }
        }
        #expect(value.withLock { $0 } == [1, 2])
    }
}
