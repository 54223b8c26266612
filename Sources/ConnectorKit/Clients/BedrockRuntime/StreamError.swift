/// Why a response event stream could not be read to its end (other than the service's own in-stream
/// exceptions, which are `ServiceError`s, and a lost connection, which is the transport's `TransportError`).
public struct StreamError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The body ended inside a frame.
        case truncated
        /// A frame failed its checksums or limits (`detail` says which).
        case malformedFrame
        /// A frame was whole but its event payload was not the documented shape.
        case malformedEvent
    }

    public var kind: Kind
    public var operation: String
    public var detail: String

    public init(_ kind: Kind, operation: String, detail: String) {
        self.kind = kind
        self.operation = operation
        self.detail = detail
    }

    public var description: String { "\(operation) stream: \(kind): \(detail)" }
}
