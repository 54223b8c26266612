/// Why a step's parameters could not be turned into a request: the message names the operation and the member,
/// so the report says what to change in the scenario file.
public struct OperationEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
