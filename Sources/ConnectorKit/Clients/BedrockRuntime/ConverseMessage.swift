internal import AWSWire

/// Who wrote a turn of a conversation.
public enum ConversationRole: String, Sendable, Hashable {
    case user
    case assistant
}

/// One turn of a Converse conversation.
public struct ConverseMessage: Sendable, Hashable {
    public var role: ConversationRole
    public var content: [ContentBlock]

    public init(role: ConversationRole, content: [ContentBlock]) {
        self.role = role
        self.content = content
    }

    /// A user turn of one text block.
    public static func user(_ text: String) -> ConverseMessage { ConverseMessage(role: .user, content: [.text(text)]) }

    /// The text blocks joined, as a chat shows the turn.
    public var text: String { content.compactMap(\.text).joined() }

    var json: JSONValue { ["role": .string(role.rawValue), "content": .array(content.map(\.json))] }

    init(json: JSONValue, _ reader: ResponseReader) throws(ResponseShapeError) {
        let roleName = try reader.string(json, "role")
        guard let role = ConversationRole(rawValue: roleName) else { throw reader.failure("unknown role \(roleName)") }
        var content: [ContentBlock] = []
        for block in try reader.array(json, "content") {
            if let block = try ContentBlock(json: block, reader) { content.append(block) }
        }
        self.init(role: role, content: content)
    }
}
