import AWSWire

/// One request's progress through libmicrohttpd's callback sequence, as a small state machine.
///
/// MHD reports a request as: the request line (URI-log callback, which creates this state with the raw
/// target), then the access handler once with the headers, once per body chunk, and once more with no data
/// when the body is complete; finally the completion callback frees the state. `RequestState` turns that
/// sequence into at most one `HTTPRequest` for the handler, or one error status.
///
/// Not `Sendable` and needs no lock: MHD calls the callbacks of one connection one at a time, on one thread.
final class RequestState {
    enum Phase {
        /// The request line is read; headers are next.
        case started
        /// Headers accepted; body bytes are being collected.
        case receivingBody
        /// The request is refused with this status; its remaining body bytes are read and dropped (bounded).
        case discarding(status: Int, dropped: Int)
        /// The handler's response has been queued; nothing more to do.
        case responded
    }

    /// What the callback must do next.
    enum Action {
        /// Return `MHD_YES` and wait for the next call.
        case proceed
        /// Queue this error status (closing the connection afterwards), if MHD accepts a response now.
        case reject(status: Int)
        /// Call the handler with this request and queue its response.
        case handle(HTTPRequest)
        /// Return `MHD_NO`: MHD closes the connection without a response.
        case close
    }

    /// The request-target exactly as received (path and query, still percent-encoded).
    let target: String
    private(set) var phase: Phase = .started
    private var method = ""
    private var headers: [HTTPField] = []
    private var body: [UInt8] = []
    private var remoteAddress: String?

    init(target: String) {
        self.target = target
    }

    /// The first call: the request line and headers are complete.
    ///
    /// Checks the header limits, and the declared `Content-Length` against the body limit, so an oversized
    /// body is refused before it is read (and before MHD sends `100 Continue`).
    func headersReceived(method: String, headers: [HTTPField], remoteAddress: String?, limits: ServerLimits) -> Action {
        guard case .started = phase else { return .close }
        self.method = method
        self.headers = headers
        self.remoteAddress = remoteAddress
        let headerBytes = headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        if headers.count > limits.maxHeaderCount || headerBytes > limits.maxHeaderBytes {
            return refuse(431)
        }
        // libmicrohttpd passes a bare CR inside a value through, and names are not checked against RFC 9110's
        // token grammar; such a request is refused rather than handed on altered (RFC 9112 §5).
        if !headers.allSatisfy(\.isWellFormed) { return refuse(400) }
        let contentLength = headers.first { $0.name.isASCIICaseInsensitive("content-length") }
        if let declared = contentLength.flatMap({ Int($0.value) }) {
            if declared > limits.maxBodyBytes { return refuse(413) }
            // Reserve up front, but not so much that idle half-sent requests can pin the whole body limit each.
            body.reserveCapacity(min(declared, 1 << 20))
        }
        phase = .receivingBody
        return .proceed
    }

    /// A body chunk (already de-chunked by MHD). All of it counts as consumed.
    func bodyReceived(_ chunk: UnsafeRawBufferPointer, limits: ServerLimits) -> Action {
        switch phase {
        case .receivingBody:
            guard body.count + chunk.count <= limits.maxBodyBytes else {
                phase = .discarding(status: 413, dropped: chunk.count)
                body = []
                return .reject(status: 413)
            }
            body.append(contentsOf: chunk)
            return .proceed
        case .discarding(let status, let dropped):
            // Reading on only to answer politely; past the body limit again, just close.
            let total = dropped + chunk.count
            guard total <= limits.maxBodyBytes else { return .close }
            phase = .discarding(status: status, dropped: total)
            return .reject(status: status)
        case .started, .responded:
            return .close
        }
    }

    /// The final call: the body is complete.
    func bodyComplete() -> Action {
        switch phase {
        case .receivingBody:
            let request = HTTPRequest(
                method: method, target: target, headers: headers, body: body,
                remoteAddress: remoteAddress)
            body = []
            return .handle(request)
        case .discarding(let status, _):
            return .reject(status: status)
        case .started, .responded:
            return .close
        }
    }

    /// Records that the handler's response is queued. (A refusal keeps `.discarding`, which bounds what MHD
    /// may still deliver.)
    func responded() { phase = .responded }

    private func refuse(_ status: Int) -> Action {
        phase = .discarding(status: status, dropped: 0)
        return .reject(status: status)
    }
}

extension String {
    /// ASCII case-insensitive comparison with a lowercase ASCII name (header names are ASCII).
    func isASCIICaseInsensitive(_ lowercaseName: String) -> Bool {
        guard utf8.count == lowercaseName.utf8.count else { return false }
        return zip(utf8, lowercaseName.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }
}

extension HTTPField {
    /// A name made of RFC 9110 `tchar`s, and a value without CR, LF or NUL.
    var isWellFormed: Bool {
        !name.isEmpty && name.utf8.allSatisfy { HTTPField.tokenCharacters[Int($0)] }
            && !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    /// RFC 9110 `tchar`: letters, digits and ``!#$%&'*+-.^_`|~``, by byte (checked for every header of every request).
    private static let tokenCharacters: [Bool] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
        }
    }
}
