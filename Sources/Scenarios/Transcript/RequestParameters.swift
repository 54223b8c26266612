internal import AWSWire
internal import Foundation

/// A recorded request turned back into the operation's parameters, named as a scenario's `with:` names them
/// (the inverse of `OperationCatalog.request`): a query form without `Action`/`Version` and with
/// `Name.member.N` as lists and `Name.Member` as maps, a JSON 1.1 body as is, and a rest-json request's path
/// labels, query keys, headers and body members by their member names.
enum RequestParameters {
    static func of(_ exchange: Exchange) -> JSONValue {
        let request = exchange.request
        switch exchange.service {
        case "sts", "iam":
            let form = (try? QueryParameters(decoding: request.body))?.parameters ?? []
            let pairs = form.filter { $0.name != "Action" && $0.name != "Version" }.map {
                ($0.name.split(separator: ".", omittingEmptySubsequences: false)[...], $0.value)
            }
            return unflatten(pairs)
        case "bedrock", "bedrock-runtime":
            let table = exchange.service == "bedrock" ? BedrockOperationTable.bedrock : BedrockOperationTable.bedrockRuntime
            guard let operation = table[exchange.operation] else { return .object([]) }
            return rest(request, operation)
        default:
            return (try? JSONReader().decode(request.body)) ?? .object([])
        }
    }

    /// `[(["Tags", "member", "1", "Key"], "team")]` → `{Tags: [{Key: team}]}`, first appearance order kept.
    private static func unflatten(_ pairs: [(ArraySlice<Substring>, String)]) -> JSONValue {
        var order: [Substring] = []
        var groups: [Substring: [(ArraySlice<Substring>, String)]] = [:]
        for (path, value) in pairs {
            guard let key = path.first else { continue }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((path.dropFirst(), value))
        }
        return .object(order.map { JSONMember(String($0), value(groups[$0] ?? [])) })
    }

    private static func value(_ pairs: [(ArraySlice<Substring>, String)]) -> JSONValue {
        if pairs.count == 1, pairs[0].0.isEmpty { return .string(pairs[0].1) }
        if pairs.allSatisfy({ $0.0.first == "member" && $0.0.count >= 2 }) {
            var elements: [Int: [(ArraySlice<Substring>, String)]] = [:]
            for (path, value) in pairs {
                elements[Int(path[path.startIndex + 1]) ?? 0, default: []].append((path.dropFirst(2), value))
            }
            return .array(elements.keys.sorted().map { value(elements[$0] ?? []) })
        }
        return unflatten(pairs.filter { !$0.0.isEmpty })
    }

    private static func rest(_ request: RecordedRequest, _ operation: RestOperation) -> JSONValue {
        var members: [JSONMember] = []
        let http = HTTPRequest(method: request.method, target: request.target, headers: request.headers, body: request.body)
        let template = operation.path.split(separator: "/")
        let actual = http.path.split(separator: "/")
        for (pattern, segment) in zip(template, actual) where pattern.hasPrefix("{") && pattern.hasSuffix("}") {
            let label = String(pattern.dropFirst().dropLast())
            members.append(JSONMember(label, .string(String(segment).removingPercentEncoding ?? String(segment))))
        }
        let query = (try? QueryParameters(decoding: String(http.query)))?.parameters ?? []
        for (member, key) in operation.query.sorted(by: { $0.key < $1.key }) {
            if let value = query.first(where: { $0.name == key })?.value { members.append(JSONMember(member, .string(value))) }
        }
        for (member, header) in operation.headers.sorted(by: { $0.key < $1.key }) {
            if let value = http.header(header) { members.append(JSONMember(member, .string(value))) }
        }
        switch operation.payload {
        case .none: break
        case .members:
            if case .object(let body)? = try? JSONReader().decode(request.body) { members += body }
        case .raw(let name):
            guard !request.body.isEmpty else { break }
            let text = String(decoding: request.body, as: UTF8.self)
            members.append(JSONMember(name, (try? JSONReader().decode(request.body)) ?? .string(text)))
        }
        return .object(members)
    }
}
