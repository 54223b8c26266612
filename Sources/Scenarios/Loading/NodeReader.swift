import AWSWire
import Yams

/// Reads the parts of a scenario's YAML nodes, every complaint naming the file and the offending node's line.
struct NodeReader {
    let file: String

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1)
    }

    func error(_ node: Node, _ message: String) -> ScenarioFileError {
        ScenarioFileError(location: location(node), message: message)
    }

    /// The keys of a mapping, checked against the keys the format allows there (`context` names the place in
    /// messages: "unknown key rol in actor session").
    func fields(_ node: Node, allowed: [String], context: String) throws(ScenarioFileError) -> Fields {
        guard case .mapping(let mapping) = node else { throw error(node, "\(context) must be a mapping") }
        var entries: [Fields.Entry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else { throw error(keyNode, "a key in \(context) must be text") }
            guard allowed.contains(key.string) else {
                throw error(
                    keyNode,
                    "unknown key \(key.string) in \(context) (expected one of: \(allowed.joined(separator: ", ")))")
            }
            entries.append(Fields.Entry(key: key.string, keyNode: keyNode, value: value))
        }
        return Fields(node: node, context: context, entries: entries)
    }

    /// The key → value pairs of a mapping whose keys are names the file chooses (accounts, actors, `save`).
    func pairs(_ node: Node, context: String) throws(ScenarioFileError) -> [Fields.Entry] {
        guard case .mapping(let mapping) = node else { throw error(node, "\(context) must be a mapping") }
        var entries: [Fields.Entry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else { throw error(keyNode, "a key in \(context) must be text") }
            entries.append(Fields.Entry(key: key.string, keyNode: keyNode, value: value))
        }
        return entries
    }

    func sequence(_ node: Node, _ what: String) throws(ScenarioFileError) -> [Node] {
        guard case .sequence(let sequence) = node else { throw error(node, "\(what) must be a list") }
        return Array(sequence)
    }

    /// A scalar's text, whatever type it resolved to (so `region: 123` is the text "123"), but not null.
    func text(_ node: Node, _ what: String) throws(ScenarioFileError) -> String {
        guard case .scalar(let scalar) = node, Self.tag(of: node) != .null else {
            throw error(node, "\(what) must be text")
        }
        return scalar.string
    }

    /// An integer written as a plain number (no fraction or exponent).
    func integer(_ node: Node, _ what: String) throws(ScenarioFileError) -> Int64 {
        guard case .scalar(let scalar) = node, Self.tag(of: node) == .int, let value = Int64(scalar.string) else {
            throw error(node, "\(what) must be an integer")
        }
        return value
    }

    func bool(_ node: Node, _ what: String) throws(ScenarioFileError) -> Bool {
        guard Self.tag(of: node) == .bool, case .scalar(let scalar) = node else {
            throw error(node, "\(what) must be true or false")
        }
        return scalar.string.lowercased() == "true"
    }

    /// The node's resolved tag: for scalars, `.null`, `.bool`, `.int` (any JSON number) or `.str` unless the file
    /// wrote an explicit tag.
    static func tag(of node: Node) -> Tag.Name { Tag.Name(rawValue: node.tag.rawValue) }

    /// The node as a JSON value: mappings keep their order, scalars are typed by ``YAMLDocument/resolver``.
    func value(_ node: Node) throws(ScenarioFileError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Self.tag(of: node) {
            case .null: return .null
            case .bool: return .bool(scalar.string.lowercased() == "true")
            case .int:
                guard case .number(let number)? = try? JSONReader().decode(Array(scalar.string.utf8)) else {
                    throw error(node, "\(scalar.string) is not a JSON number")
                }
                return .number(number)
            case .str: return .string(scalar.string)
            default: throw error(node, "YAML tag \(node.tag) is not supported (quote the value instead)")
            }
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence { elements.append(try value(element)) }
            return .array(elements)
        case .mapping:
            var members: [JSONMember] = []
            for entry in try pairs(node, context: "a mapping") {
                members.append(JSONMember(entry.key, try value(entry.value)))
            }
            return .object(members)
        case .alias:
            throw error(node, "YAML aliases are not supported")
        }
    }
}
