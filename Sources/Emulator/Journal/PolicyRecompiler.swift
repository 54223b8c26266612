import PolicyEngine

/// Compiles the policies a journal holds as text, once per distinct document: a journal repeats an account's
/// policies in every snapshot of it, and compiling is the costly part of reading one back.
///
/// Used by one replay on one thread, then dropped.
final class PolicyRecompiler {
    private struct Key: Hashable {
        var text: String
        var kind: PolicyKind
        var name: String
    }

    private var compiled: [Key: CompiledPolicy] = [:]

    /// The compiled document, or nil when it does not parse (IAM accepted it once, so only a damaged journal
    /// gets here).
    func compile(_ text: String, kind: PolicyKind, name: String) -> CompiledPolicy? {
        let key = Key(text: text, kind: kind, name: name)
        if let known = compiled[key] { return known }
        guard let document = PolicyValidator(kind: kind).validate(text).document else { return nil }
        let policy = CompiledPolicy(document, name: name, kind: kind)
        compiled[key] = policy
        return policy
    }
}
