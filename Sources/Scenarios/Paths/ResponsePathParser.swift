/// Reads the text of a ``ResponsePath``, one component at a time, reporting the first problem with its offset.
struct ResponsePathParser {
    private let text: String
    private let characters: [Character]
    private var position = 0

    init(text: String) {
        self.text = text
        characters = Array(text)
    }

    /// A member name that can be written without brackets and quotes.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains(where: isReserved)
    }

    private static func isReserved(_ character: Character) -> Bool {
        character == "." || character == "[" || character == "]" || character == "\"" || character.isWhitespace
    }

    mutating func parse() throws(ResponsePathError) -> [ResponsePath.Component] {
        guard !characters.isEmpty else { throw error("empty path") }
        var components: [ResponsePath.Component] = []
        if characters[0] != "[" { components.append(try name()) }
        while position < characters.count {
            switch characters[position] {
            case ".":
                position += 1
                components.append(try name())
            case "[":
                components.append(try bracket())
            default:
                throw error("unexpected \"\(characters[position])\"")
            }
        }
        return components
    }

    private mutating func name() throws(ResponsePathError) -> ResponsePath.Component {
        let start = position
        while position < characters.count, !Self.isReserved(characters[position]) { position += 1 }
        guard position > start else {
            if position < characters.count, characters[position].isWhitespace {
                throw error("unexpected whitespace")
            }
            throw error("empty member name")
        }
        return .member(String(characters[start..<position]))
    }

    /// `[N]` or `["name"]`; `position` is at the `[`.
    private mutating func bracket() throws(ResponsePathError) -> ResponsePath.Component {
        position += 1
        let component: ResponsePath.Component
        if position < characters.count, characters[position] == "\"" {
            component = .member(try quoted())
        } else {
            let start = position
            while position < characters.count, characters[position].isASCII, characters[position].isNumber {
                position += 1
            }
            guard position > start, let index = Int(String(characters[start..<position])) else {
                position = start
                throw error("an index must be a non-negative integer")
            }
            component = .index(index)
        }
        guard position < characters.count, characters[position] == "]" else { throw error("expected \"]\"") }
        position += 1
        return component
    }

    /// A quoted name, `\"` and `\\` escaped; `position` is at the opening quote.
    private mutating func quoted() throws(ResponsePathError) -> String {
        position += 1
        var name = ""
        while position < characters.count {
            let character = characters[position]
            position += 1
            switch character {
            case "\"":
                guard !name.isEmpty else {
                    position -= 1
                    throw error("empty member name")
                }
                return name
            case "\\":
                guard position < characters.count, characters[position] == "\"" || characters[position] == "\\" else {
                    throw error("only \\\" and \\\\ are escapes in a quoted name")
                }
                name.append(characters[position])
                position += 1
            default:
                name.append(character)
            }
        }
        throw error("unterminated quoted name")
    }

    private func error(_ reason: String) -> ResponsePathError {
        ResponsePathError(path: text, reason: reason, offset: position)
    }
}
