/// An assertion that did not hold, written as a small diff a user can act on:
///
///     happy.yaml:31: Role.RoleName
///       expected: "x"
///       actual:   "y"
public struct AssertionFailure: Sendable, Hashable, CustomStringConvertible {
    public var path: ResponsePath
    public var expected: String
    public var actual: String
    public var location: SourceLocation

    public init(path: ResponsePath, expected: String, actual: String, location: SourceLocation) {
        self.path = path
        self.expected = expected
        self.actual = actual
        self.location = location
    }

    public var description: String { "\(location): \(path)\n  expected: \(expected)\n  actual:   \(actual)" }
}
