import AWSWire
import FuzzDriver
import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// libFuzzer entry point for the HTTP adapter's request assembly: libmicrohttpd's callbacks and the
/// `RequestState` machine that turn a connection's bytes into one `HTTPRequest` (or a refusal).
///
/// The input is written as-is to a real TCP connection to an in-process `HTTPServer` (loopback, one thread), the
/// write side is shut, and the response is read until the server closes or goes quiet. The callbacks run on the server's thread, where
/// AddressSanitizer watches their buffer handling; the handler checks what it is given against the limits, since
/// a request that slipped past them would be a bug the client never sees. Slow per input (a connection each), so
/// it runs far fewer executions than the pure decoders.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPServer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let fd = FuzzHTTPServer.connectToServer()
    defer { close(fd) }
    var sent = 0
    while sent < size, let data {
        let n = send(fd, data + sent, size - sent, Int32(MSG_NOSIGNAL))
        if n <= 0 { break }  // the server closed early (a refusal): fine
        sent += n
    }
    shutdown(fd, Int32(SHUT_WR))
    // Read until the server closes, or until it has been quiet for 20 ms: a keep-alive connection or an
    // incomplete request would otherwise hold every input for the idle timeout. Closing early is input too.
    var buffer = [UInt8](repeating: 0, count: 4096)
    var events = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    while poll(&events, 1, 20) > 0, recv(fd, &buffer, buffer.count, 0) > 0 {}
    return 0
}

enum FuzzHTTPServer {
    /// Small limits so the refusals (413, 431) are reachable with short inputs.
    static let limits = ServerLimits(maxBodyBytes: 512, maxHeaderCount: 16, maxHeaderBytes: 1024)

    static let server: HTTPServer = {
        let server = HTTPServer(
            configuration: ServerConfiguration(port: 0, threading: .threadPool(threads: 1), limits: limits)
        ) { request in
            precondition(request.body.count <= limits.maxBodyBytes, "a body over the limit reached the handler")
            precondition(request.headers.count <= limits.maxHeaderCount, "too many headers reached the handler")
            return HTTPResponse(status: 200, bytes: Array("\(request.method) \(request.body.count)".utf8))
        }
        return server
    }()

    /// A connected socket to the server. A signal (libFuzzer's timeout alarm) can interrupt `connect` with EINTR,
    /// and at thousands of connections a second the client side could run out of ephemeral ports in TIME_WAIT:
    /// each socket closes with a reset (SO_LINGER 0, no TIME_WAIT), and an interrupted or refused attempt is
    /// retried on a new socket. Only a failure that persists for a second stops the run, as a harness failure.
    static func connectToServer() -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var lastError: Int32 = 0
        for _ in 0..<1_000 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { fatalError("socket: \(errno)") }
            var noLinger = linger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &noLinger, socklen_t(MemoryLayout<linger>.size))
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if connected == 0 { return fd }
            lastError = errno
            close(fd)
            guard [EINTR, EAGAIN, EADDRNOTAVAIL, ECONNREFUSED].contains(lastError) else { break }
            usleep(1_000)
        }
        fatalError("connect: errno \(lastError)")
    }

    /// The port of the server, started on first use.
    static let port: UInt16 = {
        do {
            return try server.start().port
        } catch {
            fatalError("cannot start the server: \(error)")
        }
    }()
}

/// The program's entry: SwiftPM links `main` to `FuzzHTTPServer_main` on Linux, so libFuzzer's own `main` is not
/// used and this hands the command line to libFuzzer's driver instead (see FuzzDriver.h).
@_cdecl("FuzzHTTPServer_main")
func fuzzHTTPServerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzHTTPServer)
}
