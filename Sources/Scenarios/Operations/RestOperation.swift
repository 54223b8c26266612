internal import AWSWire
internal import ConnectorKit

/// How one rest-json operation (Bedrock, Bedrock Runtime) places its input members, from botocore's service
/// model: `{label}`s in the path, query keys and headers by their `locationName` (ListInferenceProfiles'
/// `typeEquals` travels as `type`), and the rest in the JSON body, or one member sent as the raw body.
struct RestOperation: Sendable {
    enum Payload: Sendable {
        /// No body: a member that has no place is an error (a GET).
        case none
        /// The members left over, as one JSON object.
        case members
        /// This member is the whole body: a string as its bytes, anything else as JSON text (InvokeModel `body`).
        case raw(String)
    }

    var name: String
    var method: String
    var path: String
    var labels: [String] = []
    /// Member name → query key.
    var query: [String: String] = [:]
    /// Member name → header name.
    var headers: [String: String] = [:]
    var payload: Payload = .none

    /// The signed request for `parameters` (a map of member names).
    func request(_ parameters: JSONValue, service: String) throws(OperationEncodingError) -> ServiceRequest {
        let title = "\(service).\(name)"
        guard case .object(let members) = parameters.isNull ? .object([]) : parameters else {
            throw OperationEncodingError("the parameters of \(title) must be a map of member names")
        }
        var pathLabels: [String: String] = [:]
        var queryItems: [(name: String, value: String)] = []
        var headerFields: [HTTPField] = []
        var bodyMembers: [JSONMember] = []
        var rawBody: [UInt8]?
        for member in members where !member.value.isNull {
            if labels.contains(member.key) {
                pathLabels[member.key] = try Self.scalar(member, title)
            } else if let key = query[member.key] {
                queryItems.append((key, try Self.scalar(member, title)))
            } else if let header = headers[member.key] {
                headerFields.append(HTTPField(header, try Self.scalar(member, title)))
            } else if case .raw(let raw) = payload, raw == member.key {
                rawBody = member.value.stringValue.map { Array($0.utf8) } ?? JSONWriter.bytes(member.value)
            } else if case .members = payload {
                bodyMembers.append(member)
            } else {
                let known = (labels + query.keys.sorted() + headers.keys.sorted()).joined(separator: ", ")
                throw OperationEncodingError(
                    "\(title) has no member \(member.key)" + (known.isEmpty ? "" : " (its members: \(known))"))
            }
        }
        for label in labels where pathLabels[label] == nil {
            throw OperationEncodingError("\(title) needs \(label)")
        }
        let body: [UInt8]? =
            switch payload {
            case .none: nil
            case .members: JSONWriter.bytes(.object(bodyMembers))
            case .raw: rawBody ?? []
            }
        return .rest(
            name, method: method, path: path, labels: pathLabels, query: queryItems, headers: headerFields, body: body)
    }

    /// A path label, query value or header: a string, number or boolean as text.
    private static func scalar(_ member: JSONMember, _ title: String) throws(OperationEncodingError) -> String {
        switch member.value {
        case .string(let text): return text
        case .number(let number): return number.text
        case .bool(let flag): return flag ? "true" : "false"
        default: throw OperationEncodingError("\(title): \(member.key) must be a string, number or boolean")
        }
    }
}
