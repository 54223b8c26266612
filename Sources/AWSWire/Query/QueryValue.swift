/// The nested value that the query protocol's flattened parameter names describe (spec §3.1).
///
/// awsQuery flattens input shapes into dotted names: lists as `Name.member.N` (`TransitiveTagKeys.member.1`),
/// lists of structures as `Name.member.N.Field` (`Tags.member.1.Key`, `PolicyArns.member.1.arn`), maps as
/// `Name.entry.N.key` / `Name.entry.N.value`. Rebuilding the tree once here means service decoders read
/// `input["Tags"]?.listValue` instead of re-parsing names. A structure whose only member is literally named
/// `member` or `entry` would read as a list or map; no STS/IAM input shape has one.
public indirect enum QueryValue: Sendable, Hashable {
    case string(String)
    /// Elements in index order (indices need not be contiguous; botocore always sends 1…N).
    case list([QueryValue])
    /// Entries in index order, named by their `key`.
    case map([QueryField])
    /// Members in order of first appearance.
    case structure([QueryField])

    /// Rebuilds the tree from decoded parameters. Every parameter takes part, `Action` and `Version` included.
    /// - Throws: `QueryDecodingError` when a name is given twice, is both a value and a prefix
    ///   (`A=1&A.B=2`), has an empty segment, a non-positive or non-numeric list index, a malformed map entry,
    ///   or more than `maxDepth` segments.
    public init(flattening parameters: QueryParameters, maxDepth: Int = 16) throws(QueryDecodingError) {
        // Most calls (AssumeRole, GetRole) name no nested member: a flat structure, without the tree.
        if !parameters.parameters.contains(where: { $0.name.utf8.contains(UInt8(ascii: ".")) }) {
            self = try QueryValue.flat(parameters.parameters)
            return
        }
        var root = Node()
        for parameter in parameters.parameters {
            let segments =
                parameter.name.utf8.contains(UInt8(ascii: "."))
                ? parameter.name.split(separator: ".", omittingEmptySubsequences: false) : [Substring(parameter.name)]
            guard segments.count <= maxDepth else { throw QueryDecodingError(.pathTooDeep, parameter: parameter.name) }
            guard !segments.contains(where: \.isEmpty) else {
                throw QueryDecodingError(.emptyPathSegment, parameter: parameter.name)
            }
            try root.insert(segments[...], value: parameter.value, name: parameter.name)
        }
        self = try root.value(path: "")
    }

    /// A structure of scalar members; a repeated or empty name is refused as the tree would refuse it.
    private static func flat(_ parameters: [QueryParameters.Parameter]) throws(QueryDecodingError) -> QueryValue {
        var seen = Set<String>(minimumCapacity: parameters.count)
        var fields: [QueryField] = []
        fields.reserveCapacity(parameters.count)
        for parameter in parameters {
            guard !parameter.name.isEmpty else { throw QueryDecodingError(.emptyPathSegment, parameter: parameter.name) }
            guard seen.insert(parameter.name).inserted else {
                throw QueryDecodingError(.duplicateParameter, parameter: parameter.name)
            }
            fields.append(QueryField(parameter.name, .string(parameter.value)))
        }
        return .structure(fields)
    }

    /// The member with this name, when this is a structure or map.
    public subscript(name: String) -> QueryValue? {
        switch self {
        case .structure(let fields), .map(let fields): return fields.first { $0.name == name }?.value
        default: return nil
        }
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    /// The elements of a list. botocore sends an empty list as `Name=` (empty value), so an empty string
    /// reads as an empty list.
    public var listValue: [QueryValue]? {
        switch self {
        case .list(let elements): return elements
        case .string(""): return []
        default: return nil
        }
    }

    /// The entries of a map (an empty string is an empty map, as for lists).
    public var mapValue: [QueryField]? {
        switch self {
        case .map(let entries): return entries
        case .string(""): return []
        default: return nil
        }
    }

    public var structureValue: [QueryField]? { if case .structure(let f) = self { f } else { nil } }
}

/// A named member of a structure, or a map entry.
public struct QueryField: Sendable, Hashable {
    public var name: String
    public var value: QueryValue

    public init(_ name: String, _ value: QueryValue) {
        self.name = name
        self.value = value
    }
}

/// The parse tree: a node is a scalar, or has children in first-appearance order.
private struct Node {
    var scalar: String?
    var order: [String] = []
    var children: [String: Node] = [:]

    mutating func insert(_ path: ArraySlice<Substring>, value: String, name: String) throws(QueryDecodingError) {
        guard let head = path.first else {
            guard scalar == nil else { throw QueryDecodingError(.duplicateParameter, parameter: name) }
            guard children.isEmpty else { throw QueryDecodingError(.conflictingShapes, parameter: name) }
            scalar = value
            return
        }
        guard scalar == nil else { throw QueryDecodingError(.conflictingShapes, parameter: name) }
        let key = String(head)
        if children[key] == nil {
            order.append(key)
            children[key] = Node()
        }
        try children[key]!.insert(path.dropFirst(), value: value, name: name)
    }

    func value(path: String) throws(QueryDecodingError) -> QueryValue {
        if let scalar { return .string(scalar) }
        if order == ["member"], let member = children["member"] {
            var elements: [QueryValue] = []
            for (index, node) in try member.indexed(path: join(path, "member")) {
                elements.append(try node.value(path: join(path, "member.\(index)")))
            }
            return .list(elements)
        }
        if order == ["entry"], let entry = children["entry"] {
            var entries: [QueryField] = []
            for (index, node) in try entry.indexed(path: join(path, "entry")) {
                let entryPath = join(path, "entry.\(index)")
                guard node.order.count == 2, let keyNode = node.children["key"], let valueNode = node.children["value"],
                    let key = keyNode.scalar
                else { throw QueryDecodingError(.invalidMapEntry, parameter: entryPath) }
                entries.append(QueryField(key, try valueNode.value(path: join(entryPath, "value"))))
            }
            return .map(entries)
        }
        var fields: [QueryField] = []
        for key in order {
            guard let child = children[key] else { continue }
            fields.append(QueryField(key, try child.value(path: join(path, key))))
        }
        return .structure(fields)
    }

    /// The children of a `member`/`entry` node, which must be named by positive integers without leading zeros.
    func indexed(path: String) throws(QueryDecodingError) -> [(Int, Node)] {
        guard scalar == nil else { throw QueryDecodingError(.conflictingShapes, parameter: path) }
        var result: [(Int, Node)] = []
        for key in order {
            guard let index = Int(key), index > 0, !key.hasPrefix("0"), !key.hasPrefix("+"), let child = children[key]
            else { throw QueryDecodingError(.invalidListIndex, parameter: join(path, key)) }
            result.append((index, child))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    private func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "." + b }
}
