/// Elements with consecutive sequence numbers, dropped oldest first, kept in a ring.
///
/// Event history appends at one end and drops at the other for as long as the server runs. An array that drops
/// its front with `removeFirst` moves every live element now and then: at a million events a stall of tens of
/// milliseconds, under the store's lock, that every request waits out. In a ring, once it has reached its size,
/// appending and dropping are O(1) and nothing is ever copied. A dropped slot keeps its old value until it is
/// reused, so the ring holds at most its size's worth of memory, as the store's bound allows anyway.
struct SequenceRing<Element> {
    private var slots: [Element] = []
    /// Index in `slots` of the oldest live element.
    private var head = 0
    private(set) var count = 0
    /// The sequence number of the oldest live element (of the next one, when there is none).
    private(set) var firstSequence = 0

    /// - Parameter capacity: slots allocated up front (address space only, until used), so that growing to
    ///   that size copies nothing either.
    init(reserving capacity: Int) { slots.reserveCapacity(capacity) }

    /// The live sequence numbers, oldest first.
    var sequences: Range<Int> { firstSequence..<(firstSequence + count) }

    var first: Element? { count == 0 ? nil : slots[head] }

    /// The element with a live sequence number.
    subscript(sequence: Int) -> Element {
        precondition(sequences.contains(sequence), "sequence \(sequence) is not live")
        return slots[(head + (sequence - firstSequence)) % slots.count]
    }

    /// Appends `element` and returns its sequence number.
    @discardableResult
    mutating func append(_ element: Element) -> Int {
        let sequence = firstSequence + count
        if count < slots.count {
            slots[(head + count) % slots.count] = element
        } else {
            // Every slot is live: grow. A wrapped ring is unrolled first (only while it is below the size it
            // settles at, after drops by age).
            if head != 0 {
                slots = Array(slots[head...] + slots[..<head])
                head = 0
            }
            slots.append(element)
        }
        count += 1
        return sequence
    }

    /// Drops the oldest element.
    mutating func dropFirst() {
        guard count > 0 else { return }
        head = (head + 1) % slots.count
        count -= 1
        firstSequence += 1
    }
}
