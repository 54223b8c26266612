import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking HTTP/1.1 client connection to 127.0.0.1, for one thread.
///
/// Plain POSIX sockets rather than URLSession: the soak must know exactly which connection a request went on
/// (64 keep-alive connections, never a hidden pool), and must be able to leave a request half written. Every
/// read and write has a timeout (`SO_RCVTIMEO`, `SO_SNDTIMEO`), so a server that stops answering fails the run
/// instead of hanging it.
final class SoakConnection {
    private(set) var descriptor: Int32
    private var parser = HTTPResponseParser()
    private var chunk = [UInt8](repeating: 0, count: 64 << 10)

    /// Connects to `127.0.0.1:port`.
    /// - Throws: `SoakHTTPError` when the socket cannot be made or the connection is refused.
    init(port: UInt16, timeoutSeconds: Int = 30) throws(SoakHTTPError) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SoakHTTPError("socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            descriptor = -1
            throw SoakHTTPError("connect to 127.0.0.1:\(port): \(reason)")
        }
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Writes every byte.
    func send(_ bytes: [UInt8]) throws(SoakHTTPError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw SoakHTTPError("send: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Reads the next whole response.
    /// - Throws: on a timeout, a reset, a close before the response ended, or bytes that break HTTP framing.
    func readResponse() throws(SoakHTTPError) -> SoakResponse {
        while true {
            if let response = try parser.next() { return response }
            switch try receive() {
            case .some(let count):
                parser.append(chunk[..<count])
            case .none:
                if let response = try parser.finishAtClose() { return response }
                throw SoakHTTPError("the server closed the connection without a response")
            }
        }
    }

    /// Sends a request and reads its response.
    func exchange(_ bytes: [UInt8]) throws(SoakHTTPError) -> SoakResponse {
        try send(bytes)
        return try readResponse()
    }

    /// Waits up to `milliseconds` for the peer to close: true when it did (EOF or reset), false when the
    /// connection is still open. Bytes the server sends before closing (a 408, say) are read and dropped.
    func closedByPeer(waitingMilliseconds milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) > 0 else { return false }
        if poller.revents & Int16(POLLERR | POLLHUP) != 0 { return true }
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        if count == 0 { return true }
        if count < 0 { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR }
        return false
    }

    /// Bytes read into `chunk`, or nil at the end of the stream.
    private func receive() throws(SoakHTTPError) -> Int? {
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { return count }
            if count == 0 { return nil }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw SoakHTTPError("no response within the read timeout") }
            throw SoakHTTPError("recv: \(String(cString: strerror(errno)))")
        }
    }
}
