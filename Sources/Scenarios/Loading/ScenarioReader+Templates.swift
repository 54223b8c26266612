import Yams

extension ScenarioReader {
    /// The `${…}` references in the strings under `node`, in file order; a malformed one is an error at its line.
    func templateReferences(in node: Node) throws(ScenarioFileError) -> [TemplateReference] {
        var references: [TemplateReference] = []
        try collect(node, into: &references)
        return references
    }

    /// Checks that every variable the strings under `node` use was saved by an earlier step.
    func checkVariablesAreSaved(in node: Node) throws(ScenarioFileError) {
        for reference in try templateReferences(in: node) where !saved.contains(reference.variable) {
            throw nodes.error(reference.node, "${\(reference.variable)} is used before any step saves it")
        }
    }

    private func collect(_ node: Node, into references: inout [TemplateReference]) throws(ScenarioFileError) {
        switch node {
        case .scalar(let scalar):
            guard NodeReader.tag(of: node) == .str else { return }
            let pieces: [Template.Piece]
            do {
                pieces = try Template.pieces(of: scalar.string)
            } catch {
                throw nodes.error(node, error.description)
            }
            for case .variable(let name) in pieces { references.append(TemplateReference(variable: name, node: node)) }
        case .sequence(let sequence):
            for element in sequence { try collect(element, into: &references) }
        case .mapping(let mapping):
            for (_, value) in mapping { try collect(value, into: &references) }
        case .alias:
            return
        }
    }
}
