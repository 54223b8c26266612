import AWSWire
import CMicroHTTPD
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// libmicrohttpd's callbacks: the only code MHD calls into. Each is a closure stored in a `static let` of this
/// type (never top-level code, whose closures would be main-actor isolated and trap on MHD's threads), and
/// captures nothing, so it converts to a C function pointer. `cls` is the daemon's `ServerContext`, unretained.
///
/// Per request MHD calls, in order: `requestStarted` (request line read), `access` once with the headers,
/// once per body chunk and once with no data at the end (or fewer times, if a response is queued early),
/// then `requestCompleted` exactly once, whether the request succeeded, failed or the connection dropped.
enum Callbacks {
    typealias URILogCallback =
        @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, OpaquePointer?)
        -> UnsafeMutableRawPointer?
    typealias UnescapeCallback =
        @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<CChar>?)
        -> Int

    /// A C function pointer as the integer `MHD_OptionItem.value` carries for callback options.
    static func pointer<F>(_ function: F) -> Int { unsafeBitCast(function, to: Int.self) }

    static let requestStarted: URILogCallback = { cls, uri, _ in
        // Called with the raw request-target (path and query, before MHD splits or unescapes it): this is
        // the start of a request, so its state is created here and handed to MHD as `*req_cls`.
        guard let cls else { return nil }
        let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
        let target = uri.map { String(cString: $0) } ?? ""
        context.inFlight.add(1, ordering: .relaxed)
        return Unmanaged.passRetained(RequestState(target: target)).toOpaque()
    }

    static let keepEscaped: UnescapeCallback = { _, _, string in
        // The URL stays percent-encoded: SigV4 signs the wire form, and `%2F` is not a separator.
        string.map { strlen($0) } ?? 0
    }

    /// Refuses every new connection once `stop` has begun (MHD closes it at once), admits all before.
    static let acceptPolicy: MHD_AcceptPolicyCallback = { cls, _, _ in
        guard let cls else { return .NO }
        return Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue().stopping.load(ordering: .acquiring)
            ? .NO : .YES
    }

    static let requestCompleted: MHD_RequestCompletedCallback = { cls, _, requestContext, _ in
        guard let cls, let requestContext, let state = requestContext.pointee else { return }
        requestContext.pointee = nil
        Unmanaged<RequestState>.fromOpaque(state).release()
        Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue().inFlight.subtract(1, ordering: .releasing)
    }

    static let access: MHD_AccessHandlerCallback = {
        cls, connection, url, method, _, uploadData, uploadDataSize, requestContext in
        guard let cls, let connection, let uploadDataSize, let requestContext else { return .NO }
        let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
        let state: RequestState
        if let existing = requestContext.pointee {
            state = Unmanaged<RequestState>.fromOpaque(existing).takeUnretainedValue()
        } else {
            // MHD always reports the request line first; this is only a fallback.
            state = RequestState(target: url.map { String(cString: $0) } ?? "/")
            context.inFlight.add(1, ordering: .relaxed)
            requestContext.pointee = Unmanaged.passRetained(state).toOpaque()
        }

        let action: RequestState.Action
        if case .started = state.phase {
            action = state.headersReceived(
                method: method.map { String(cString: $0) } ?? "GET", headers: requestHeaders(connection),
                remoteAddress: clientAddress(connection), limits: context.limits)
        } else if uploadDataSize.pointee > 0 {
            let chunk = UnsafeRawBufferPointer(start: uploadData, count: uploadDataSize.pointee)
            uploadDataSize.pointee = 0
            action = state.bodyReceived(chunk, limits: context.limits)
        } else {
            action = state.bodyComplete()
        }

        switch action {
        case .proceed:
            return .YES
        case .close:
            return .NO
        case .reject(let status):
            // MHD accepts a response only before the body or after all of it; mid-body this fails and the
            // rest of the body is read and dropped (bounded) until it does. Once queued, later tries fail.
            // The state stays in `.discarding`, so body bytes MHD may still deliver stay bounded.
            _ = queue(HTTPResponse.refusal(status), on: connection, blockBytes: context.limits.streamBlockBytes)
            return .YES
        case .handle(let request):
            let response = context.handler(request)
            state.responded()
            return queue(response, on: connection, blockBytes: context.limits.streamBlockBytes) ? .YES : .NO
        }
    }

    /// The request's headers, in the order received, with names as written.
    private static func requestHeaders(_ connection: OpaquePointer) -> [HTTPField] {
        final class Collector { var fields: [HTTPField] = [] }
        let collector = Collector()
        let iterator: MHD_KeyValueIteratorN = { cls, _, key, keyLength, value, valueLength in
            guard let cls else { return .NO }
            let collector = Unmanaged<Collector>.fromOpaque(cls).takeUnretainedValue()
            collector.fields.append(
                HTTPField(
                    String(
                        decoding: UnsafeRawBufferPointer(start: key, count: key == nil ? 0 : keyLength), as: UTF8.self),
                    String(
                        decoding: UnsafeRawBufferPointer(start: value, count: value == nil ? 0 : valueLength),
                        as: UTF8.self)))
            return .YES
        }
        withExtendedLifetime(collector) {
            _ = MHD_get_connection_values_n(
                connection, .HEADER_KIND, iterator,
                Unmanaged.passUnretained(collector).toOpaque())
        }
        return collector.fields
    }

    private static func clientAddress(_ connection: OpaquePointer) -> String? {
        cmhd_connection_client_address(connection).flatMap(SocketAddress.numericHost(of:))
    }

    /// Queues a response (MHD keeps its own reference) and reports whether MHD accepted it.
    private static func queue(_ response: HTTPResponse, on connection: OpaquePointer, blockBytes: Int) -> Bool {
        guard let mhdResponse = response.makeMHDResponse(blockBytes: blockBytes, socket: cmhd_connection_socket(connection))
        else { return false }
        defer { MHD_destroy_response(mhdResponse) }
        let status = (100...999).contains(response.status) ? UInt32(response.status) : 500
        return MHD_queue_response(connection, status, mhdResponse) == MHD_Result.YES
    }
}
