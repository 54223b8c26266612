/// A `${…}` reference that cannot be resolved.
public enum TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No variable of that name was saved (the loader rules this out for files it loaded; a runner meets it only
    /// when a step that should have saved the variable did not find the path in its response).
    case unknownVariable(String)
    /// A `${` that does not start a well-formed reference; write `$${` for a literal `${`.
    case malformed(text: String, reason: String)

    public var description: String {
        switch self {
        case .unknownVariable(let name): "unknown variable ${\(name)}"
        case .malformed(let text, let reason): "bad template \"\(text)\": \(reason) (write $${ for a literal ${)"
        }
    }
}
