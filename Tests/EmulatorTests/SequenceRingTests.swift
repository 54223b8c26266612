import TestSupport
import Testing

@testable import Emulator

/// The event store's ring: sequence numbers stay consecutive and each live one reads back its own element,
/// whatever mix of appends and drops came before (compared with a plain array that drops from the front).
@Suite("SequenceRing")
struct SequenceRingTests {
    @Test("random appends and drops read back like an array", arguments: [1, 2, 3, 7, 42])
    func matchesAnArray(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var ring = SequenceRing<Int>(reserving: 4)
        var model: [Int] = []
        var first = 0
        for step in 0..<5_000 {
            if random.next() % 3 == 0 {
                ring.dropFirst()
                if !model.isEmpty {
                    model.removeFirst()
                    first += 1
                }
            } else {
                #expect(ring.append(step) == first + model.count)
                model.append(step)
            }
            #expect(ring.sequences == first..<(first + model.count))
            #expect(ring.first == model.first)
        }
        for (offset, value) in model.enumerated() { #expect(ring[first + offset] == value) }
    }

    @Test("a full ring reuses its slots: dropping one and appending one never grows it")
    func steadyState() {
        var ring = SequenceRing<Int>(reserving: 3)
        for value in 0..<3 { ring.append(value) }
        for value in 3..<100 {
            ring.dropFirst()
            ring.append(value)
        }
        #expect(ring.sequences == 97..<100)
        #expect([97, 98, 99].map { ring[$0] } == [97, 98, 99])
    }
}
