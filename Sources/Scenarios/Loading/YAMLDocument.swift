import Yams

/// Parses a scenario file's YAML into Yams nodes, each with its line, its scalars typed the way JSON types them.
///
/// Yams' default resolver follows YAML 1.1, where `no`, `on` and `off` are booleans and `012` is octal: a region
/// or an account ID could silently change type. Ours keeps the YAML 1.2 core schema's `null` and `true`/`false`
/// and makes a plain scalar a number only when it is a JSON number (so `012345678901` stays text); everything
/// else, and every quoted scalar, is a string.
enum YAMLDocument {
    static let resolver: Resolver = {
        do {
            return try Resolver.basic
                .appending(.null)
                .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
                .appending(.int, "^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")
        } catch {
            preconditionFailure("the scalar patterns are constant and valid: \(error)")
        }
    }()

    /// The root node of `yaml`, or the parser's complaint at its line.
    static func root(of yaml: String, file: String) throws(ScenarioFileError) -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, resolver)
        } catch let error as YamlError {
            throw ScenarioFileError(
                location: SourceLocation(file: file, line: line(of: error, in: yaml)),
                message: "bad YAML: \(problem(of: error))")
        } catch {
            throw ScenarioFileError(location: SourceLocation(file: file, line: 1), message: "bad YAML: \(error)")
        }
        guard let root else {
            throw ScenarioFileError(location: SourceLocation(file: file, line: 1), message: "the file is empty")
        }
        return root
    }

    private static func line(of error: YamlError, in yaml: String) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        case .reader(_, let offset?, _, _):
            let prefix = yaml.utf8.prefix(offset)
            return prefix.count { $0 == UInt8(ascii: "\n") } + 1
        default:
            return 1
        }
    }

    /// Yams' problem text without its own `line:column: error:` prefix and source snippet (the message already
    /// starts with our `file:line:`).
    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            if let context { return "\(problem) (\(context.text))" }
            return problem
        case .reader(let problem, _, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}
