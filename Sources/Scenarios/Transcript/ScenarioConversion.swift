internal import AWSWire
internal import Yams

/// `roleplay scenario convert`: a transcript as a scenario file (docs/scenarios.md), so a recorded session
/// becomes a regression test that runs in-process.
///
/// Each account root the transcript names becomes an account and a `{root: …}` actor; credentials a response
/// minted become a `{keys: …}` actor fed by the minting step's `save:`. Each exchange becomes one `call:` step
/// with its parameters decoded back to `with:` (and `expect:` when it answered with an error), generated IDs a
/// request names written as `${…}` saved from the step that got them (`GeneratedValues`); the admin API's reset
/// becomes `reset: {}`. No assertions are written: the recorded values are for `replay` to compare.
public struct ScenarioConversion: Sendable {
    public var yaml: String
    /// Exchanges with no scenario step (other admin API calls, unsigned calls), as `exchange N service.Op`.
    public var leftOut: [String]

    /// Why a transcript could not be converted.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(_ transcript: Transcript, name: String, source: String) throws(Failure) {
        var accounts: [String] = []
        var minted: [(exchange: Int, path: String)] = []
        var saves: [Int: [(String, String)]] = [:]
        func actor(_ reference: CredentialReference) -> String {
            switch reference {
            case .root(let account):
                if !accounts.contains(account) { accounts.append(account) }
                return "root-\(account)"
            case .minted(let exchange, let path):
                let actor = "minted\(exchange)"
                if !minted.contains(where: { $0 == (exchange, path) }) {
                    minted.append((exchange, path))
                    var names = [("\(actor)AccessKeyId", "\(path).AccessKeyId"), ("\(actor)SecretAccessKey", "\(path).SecretAccessKey")]
                    if transcript.exchanges.indices.contains(exchange - 1),
                        transcript.exchanges[exchange - 1].response.body?[path]?["SessionToken"] != nil
                    {
                        names.append(("\(actor)SessionToken", "\(path).SessionToken"))
                    }
                    saves[exchange, default: []] += names
                }
                return actor
            }
        }
        var generated = GeneratedValues()
        var steps: [(number: Int, pairs: [(Node, Node)])] = []
        var leftOut: [String] = []
        for (index, exchange) in transcript.exchanges.enumerated() {
            let number = index + 1
            defer { generated.learn(exchange.response.body, exchange: number) }
            if exchange.service == "roleplay" {
                if exchange.operation == "POST /_roleplay/reset" {
                    steps.append((number, [(Self.key("reset"), Node.mapping(Node.Mapping([])))]))
                } else {
                    leftOut.append("exchange \(number) \(exchange.label)")
                }
                continue
            }
            guard let signer = exchange.signer else {
                leftOut.append("exchange \(number) \(exchange.label)")
                continue
            }
            var pairs: [(Node, Node)] = [
                (Self.key("call"), Self.key(exchange.label)), (Self.key("as"), Self.key(actor(signer))),
            ]
            let parameters = generated.substituted(RequestParameters.of(exchange))
            if parameters.objectValue?.isEmpty == false { pairs.append((Self.key("with"), Self.node(parameters))) }
            if let error = exchange.response.error {
                pairs.append(
                    (
                        Self.key("expect"),
                        Node.mapping(Node.Mapping([(Self.key("error"), Self.node(.string(error))), (Self.key("status"), Self.node(.int(exchange.response.status)))]))
                    ))
            }
            steps.append((number, pairs))
        }
        let stepNodes = steps.map { step -> Node in
            var pairs = step.pairs
            let save = (saves[step.number] ?? []) + (generated.saves[step.number] ?? []).map { ($0.variable, $0.path) }
            if !save.isEmpty {
                pairs.append((Self.key("save"), Node.mapping(Node.Mapping(save.map { (Self.key($0.0), Self.key($0.1)) }))))
            }
            return Node.mapping(Node.Mapping(pairs))
        }
        var actors: [(Node, Node)] = accounts.map {
            (Self.key("root-\($0)"), Node.mapping(Node.Mapping([(Self.key("root"), Self.node(.string($0)))])))
        }
        for (exchange, _) in minted {
            let actor = "minted\(exchange)"
            var keys = [
                (Self.key("accessKeyId"), Self.node(.string("${\(actor)AccessKeyId}"))),
                (Self.key("secretAccessKey"), Self.node(.string("${\(actor)SecretAccessKey}"))),
            ]
            if saves[exchange]?.contains(where: { $0.0 == "\(actor)SessionToken" }) == true {
                keys.append((Self.key("sessionToken"), Self.node(.string("${\(actor)SessionToken}"))))
            }
            actors.append((Self.key(actor), Node.mapping(Node.Mapping([(Self.key("keys"), Node.mapping(Node.Mapping(keys)))]))))
        }
        var root: [(Node, Node)] = [(Self.key("name"), Self.node(.string(name)))]
        if !actors.isEmpty { root.append((Self.key("actors"), Node.mapping(Node.Mapping(actors)))) }
        root.append((Self.key("steps"), Node.sequence(Node.Sequence(stepNodes))))
        do {
            let body = try Yams.serialize(node: Node.mapping(Node.Mapping(root)), width: -1, allowUnicode: true)
            yaml = "# Converted from \(source) by roleplay scenario convert.\n" + body
        } catch {
            throw Failure(description: "cannot write YAML: \(error)")
        }
        self.leftOut = leftOut
    }

    /// A plain scalar: keys, operation names, actor names and paths never need quoting.
    private static func key(_ text: String) -> Node { Node.scalar(Node.Scalar(text)) }

    /// A value: strings always double-quoted, so an account ID or `"true"` stays a string.
    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node.scalar(Node.Scalar("null"))
        case .bool(let flag): return Node.scalar(Node.Scalar(flag ? "true" : "false"))
        case .number(let number): return Node.scalar(Node.Scalar(number.text))
        case .string(let text): return Node.scalar(Node.Scalar(text, .implicit, .doubleQuoted))
        case .array(let elements): return Node.sequence(Node.Sequence(elements.map(node)))
        case .object(let members):
            return Node.mapping(Node.Mapping(members.map { (key($0.key), node($0.value)) }))
        }
    }
}
