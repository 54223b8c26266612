import Yams

/// An actor as read from the file, with what the loader needs to check its use: where it was declared, the
/// `${…}` variables its values use, and the actor that assumes it.
struct ActorDeclaration {
    let spec: ActorSpec
    /// The actor's name in `actors`.
    let node: Node
    let references: [TemplateReference]
    /// `as` of an assumed role, with its node.
    let assumer: (name: String, node: Node)?
}

/// One `${name}` in a string of the file.
struct TemplateReference {
    let variable: String
    /// The string that holds it.
    let node: Node
}
