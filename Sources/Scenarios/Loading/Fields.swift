import Yams

/// The entries of one mapping of a scenario file, already checked against the keys allowed there.
struct Fields {
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
    }

    /// The mapping itself: a missing key is reported at its line.
    let node: Node
    let context: String
    let entries: [Entry]

    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    func required(_ key: String, reader: NodeReader) throws(ScenarioFileError) -> Node {
        guard let value = self[key] else { throw reader.error(node, "\(context) needs \(key)") }
        return value
    }

    /// The entries whose keys are in `keys`, in file order.
    func entries(among keys: [String]) -> [Entry] { entries.filter { keys.contains($0.key) } }
}
