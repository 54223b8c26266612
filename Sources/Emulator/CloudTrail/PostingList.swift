/// The sequence numbers of the events that share one lookup key, oldest first.
///
/// Events are appended in sequence order and dropped oldest first, so each list only grows at the back and
/// shrinks at the front: both O(1) (amortized: the dead prefix is cut once it is half the list).
struct PostingList {
    private var sequences: [Int] = []
    private var start = 0

    var isEmpty: Bool { start == sequences.count }
    var count: Int { sequences.count - start }

    mutating func append(_ sequence: Int) { sequences.append(sequence) }

    /// Drops the first element when it is `sequence` (it is, when events are dropped in order).
    mutating func dropFirst(_ sequence: Int) {
        guard start < sequences.count, sequences[start] == sequence else { return }
        start += 1
        if start == sequences.count {
            sequences.removeAll(keepingCapacity: false)
            start = 0
        } else if start >= 64 && start * 2 >= sequences.count {
            sequences.removeFirst(start)
            start = 0
        }
    }

    /// The live elements, oldest first.
    var elements: ArraySlice<Int> { sequences[start...] }
}
