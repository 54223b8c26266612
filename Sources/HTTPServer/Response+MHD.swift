import AWSWire
import CMicroHTTPD

#if canImport(Glibc)
    import Glibc
#endif

extension HTTPResponse {
    /// The small response the adapter sends itself when it refuses a request (413, 431); it closes the
    /// connection, since the rest of the request may still be on the wire.
    static func refusal(_ status: Int) -> HTTPResponse {
        let text: String
        switch status {
        case 413: text = "Content Too Large"
        case 431: text = "Request Header Fields Too Large"
        default: text = "Bad Request"
        }
        return HTTPResponse(
            status: status,
            headers: [
                HTTPField("Content-Type", "text/plain"),
                HTTPField("Connection", "close"),
            ],
            bytes: Array("\(status) \(text)\n".utf8))
    }

    /// A new MHD response (reference count 1; the caller queues and destroys it), or nil if MHD refuses.
    ///
    /// `.bytes` are copied into MHD; `.stream` becomes a content-reader response of unknown size, which MHD
    /// sends with chunked transfer encoding. Framing headers (`Content-Length`, `Transfer-Encoding`) are MHD's
    /// to write, so the handler's are dropped; a `Date` header (RFC 1123) is added unless the handler set one.
    /// - Parameter socket: the connection's socket, which an aborted stream shuts down (-1: unknown).
    func makeMHDResponse(blockBytes: Int, socket: Int32 = -1) -> OpaquePointer? {
        let created: OpaquePointer?
        switch body {
        case .bytes(let bytes):
            created = bytes.withUnsafeBytes { buffer in
                var empty: UInt8 = 0
                return withUnsafeMutablePointer(to: &empty) { emptyPointer in
                    MHD_create_response_from_buffer(
                        buffer.count,
                        UnsafeMutableRawPointer(mutating: buffer.baseAddress) ?? UnsafeMutableRawPointer(emptyPointer),
                        .RESPMEM_MUST_COPY)
                }
            }
        case .stream(let stream):
            // MHD owns this reference from here and drops it through `StreamReader.free`.
            let reader = Unmanaged.passRetained(StreamReader(stream, socket: socket))
            created = MHD_create_response_from_callback(
                cmhd_size_unknown(), max(blockBytes, 256), StreamReader.read, reader.toOpaque(), StreamReader.free)
            if created == nil { reader.release() }
        }
        guard let created else { return nil }
        var hasDate = false
        for field in headers {
            if field.name.isASCIICaseInsensitive("content-length")
                || field.name.isASCIICaseInsensitive("transfer-encoding")
            {
                continue
            }
            if field.name.isASCIICaseInsensitive("date") { hasDate = true }
            // MHD refuses names or values holding CR, LF or TAB, so a header cannot inject another: it is dropped.
            _ = MHD_add_response_header(created, field.name, field.value)
        }
        if !hasDate { _ = MHD_add_response_header(created, "Date", HTTPDate.now()) }
        return created
    }
}

/// The state of one streamed response: the stream, and the part of its last chunk that did not fit MHD's
/// buffer. MHD calls `read` for one response one call at a time, and `free` once, after the last call.
final class StreamReader {
    private let stream: any ResponseStream
    /// The connection's socket (owned by MHD), or -1.
    private let socket: Int32
    private var pending: [UInt8] = []
    private var pendingOffset = 0

    init(_ stream: any ResponseStream, socket: Int32) {
        self.stream = stream
        self.socket = socket
    }

    static let read: MHD_ContentReaderCallback = { cls, _, buffer, capacity in
        guard let cls, let buffer, capacity > 0 else { return MHD_CONTENT_READER_END_WITH_ERROR }
        return Unmanaged<StreamReader>.fromOpaque(cls).takeUnretainedValue()
            .fill(UnsafeMutableRawBufferPointer(start: buffer, count: capacity))
    }

    static let free: MHD_ContentReaderFreeCallback = { cls in
        guard let cls else { return }
        Unmanaged<StreamReader>.fromOpaque(cls).release()
    }

    /// Copies the next bytes into MHD's buffer, pulling one chunk from the stream when none are left over, so
    /// each chunk the stream yields goes out as soon as it is produced.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        while pendingOffset >= pending.count {
            switch stream.next() {
            case .data(let bytes):
                pending = bytes
                pendingOffset = 0
            case .end:
                return MHD_CONTENT_READER_END_OF_STREAM
            case .abort:
                // MHD closes the connection, but with MHD_USE_TURBO it skips shutdown(2) and may close the
                // socket only at its next cleanup pass, so the client would wait for the idle timeout to see
                // the cut. Shutting the socket down here ends the client's read at once; MHD still closes it.
                if socket >= 0 { _ = shutdown(socket, Int32(SHUT_RDWR)) }
                return MHD_CONTENT_READER_END_WITH_ERROR
            }
        }
        let count = min(buffer.count, pending.count - pendingOffset)
        pending.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[pendingOffset..<(pendingOffset + count)]))
        }
        pendingOffset += count
        if pendingOffset >= pending.count {
            pending = []
            pendingOffset = 0
        }
        return count
    }
}
