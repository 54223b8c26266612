/// A scenario file that cannot be run as written, reported before any step runs with the line to fix:
/// `happy.yaml:14: unknown operation iam.CreateRol`.
public struct ScenarioFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
