/// A path that cannot be parsed, with the reason and where in the text it went wrong.
public struct ResponsePathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as written.
    public var path: String
    public var reason: String
    /// 0-based character offset of the problem in `path`.
    public var offset: Int

    public init(path: String, reason: String, offset: Int) {
        self.path = path
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "bad path \"\(path)\": \(reason) at character \(offset + 1)" }
}
