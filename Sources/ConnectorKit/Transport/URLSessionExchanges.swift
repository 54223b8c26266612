internal import AWSWire
internal import Foundation
internal import RoleplaySync
internal import Synchronization

#if canImport(FoundationNetworking)
    internal import FoundationNetworking
#endif

/// A response's status line and headers: what `URLSessionTransport.send` waits for.
struct ResponseHead: Sendable {
    var status: Int
    var headers: [HTTPField]
}

/// The session delegate of a `URLSessionTransport`: routes each task's events to the caller waiting for its
/// head and to the stream its body is read from. One per session, since Linux's Foundation has no per-task
/// delegate.
///
/// `@unchecked Sendable`: `NSObject` is not `Sendable`, but the only state is behind a `Locked`.
final class Exchanges: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Exchange {
        var head: CheckedContinuation<ResponseHead, any Error>?
        var body: AsyncThrowingStream<[UInt8], any Error>.Continuation
    }

    private let live = Locked<[Int: Exchange]>([:])

    var count: Int { live.withLock { $0.count } }

    func begin(
        _ task: Int, head: CheckedContinuation<ResponseHead, any Error>,
        body: AsyncThrowingStream<[UInt8], any Error>.Continuation
    ) {
        live.withLock { $0[task] = Exchange(head: head, body: body) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let head = (response as? HTTPURLResponse).map(Self.head)
        let waiting = live.withLock { exchanges in
            defer { exchanges[dataTask.taskIdentifier]?.head = nil }
            return exchanges[dataTask.taskIdentifier]?.head
        }
        if let head {
            completionHandler(.allow)
            waiting?.resume(returning: head)
        } else {
            completionHandler(.cancel)
            waiting?.resume(throwing: TransportError(.connectionLost, "not an HTTP response"))
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let body = live.withLock { $0[dataTask.taskIdentifier]?.body }
        body?.yield([UInt8](data))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let exchange = live.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        let failure = error.map(Self.transportError)
        if let waiting = exchange.head {
            waiting.resume(throwing: failure ?? TransportError(.connectionLost, "no response"))
            exchange.body.finish()
        } else if let failure {
            exchange.body.finish(throwing: failure)
        } else {
            exchange.body.finish()
        }
    }

    /// A signature is for one URL, and AWS APIs do not redirect: a 3xx is handed to the caller as it is.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    static func head(_ response: HTTPURLResponse) -> ResponseHead {
        let headers = response.allHeaderFields.compactMap { name, value -> HTTPField? in
            guard let name = name as? String, let value = value as? String else { return nil }
            return HTTPField(name, value)
        }
        return ResponseHead(status: response.statusCode, headers: headers)
    }

    /// `URLError` codes as `TransportError` kinds; a cancelled exchange is a `CancellationError`.
    static func transportError(_ error: any Error) -> any Error {
        guard let error = error as? URLError else { return TransportError(.connectionLost, "\(error)") }
        let detail = error.localizedDescription
        switch error.code {
        case .cancelled:
            return CancellationError()
        case .timedOut:
            return TransportError(.timedOut, detail)
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet, .badURL,
            .unsupportedURL, .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
            .clientCertificateRequired, .cannotLoadFromNetwork, .appTransportSecurityRequiresSecureConnection:
            return TransportError(.connectionFailed, detail)
        default:
            return TransportError(.connectionLost, detail)
        }
    }
}
