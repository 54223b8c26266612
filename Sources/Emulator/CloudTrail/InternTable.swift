/// Values shared between recorded events, kept once and counted.
///
/// Most of a record repeats from call to call (the caller's identity, the user agent, the request parameters
/// of a connector that assumes the same role again and again), so each event holds 4-byte handles instead of
/// copies. Each value counts the events that hold it and is freed when the last one is dropped, so the table
/// never outgrows the events retained. Not thread-safe: the store's lock guards it.
struct InternTable<Value: Hashable> {
    /// A value's handle; `none` stands for nil.
    typealias Handle = UInt32
    static var none: Handle { .max }

    private var values: [Value?] = []
    private var counts: [UInt32] = []
    private var handles: [Value: Handle] = [:]
    private var free: [Handle] = []

    /// The last handle retained through each slot (see `retain(_:slot:)`).
    private var recent = [Handle](repeating: InternTable.none, count: 16)

    /// The handle of `value`, counting one more holder.
    ///
    /// - Parameter slot: a caller's field number (0–15): when `value` equals the value last retained through
    ///   that slot, one comparison replaces the hash lookup.
    mutating func retain(_ value: Value?, slot: Int) -> Handle {
        guard let value else { return Self.none }
        let last = recent[slot & 15]
        if last != Self.none, values[Int(last)] == value {
            counts[Int(last)] += 1
            return last
        }
        if let handle = handles[value] {
            counts[Int(handle)] += 1
            recent[slot & 15] = handle
            return handle
        }
        let handle: Handle
        if let reused = free.popLast() {
            handle = reused
            values[Int(handle)] = value
            counts[Int(handle)] = 1
        } else {
            handle = Handle(values.count)
            values.append(value)
            counts.append(1)
        }
        handles[value] = handle
        recent[slot & 15] = handle
        return handle
    }

    /// The handle of `value`, if it is held (without counting a holder).
    func handle(of value: Value) -> Handle? { handles[value] }

    /// One holder fewer; the value is forgotten with its last holder.
    mutating func release(_ handle: Handle) {
        guard handle != Self.none else { return }
        let index = Int(handle)
        counts[index] -= 1
        guard counts[index] == 0, let value = values[index] else { return }
        handles[value] = nil
        values[index] = nil
        free.append(handle)
    }

    subscript(handle: Handle) -> Value? { handle == Self.none ? nil : values[Int(handle)] }

    /// How many distinct values are held.
    var count: Int { handles.count }
}
