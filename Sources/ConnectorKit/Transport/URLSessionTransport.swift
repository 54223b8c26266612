internal import AWSWire
internal import Foundation

#if canImport(FoundationNetworking)
    internal import FoundationNetworking
#endif

/// Real HTTP(S) over Foundation's `URLSession`: for AWS itself and for `roleplay serve`.
///
/// The body is handed on chunk by chunk as it arrives (a data delegate feeding the response's stream, as
/// `URLSession.bytes` is unreliable on Linux), so a Bedrock event stream is decoded while the model is still
/// answering. Redirects are not followed (AWS APIs send none, and a signature is for one URL). Cancelling the
/// task that awaits the response or reads the body cancels the HTTP exchange.
public final class URLSessionTransport: Transport {
    /// How long to wait before giving up.
    public struct Timeouts: Sendable {
        /// The longest silence, connecting included: no connection, no status, or no new body bytes for this
        /// long ends the exchange with `.timedOut` (`URLSession` has no separate connect timeout).
        public var request: Duration
        /// The longest whole exchange, streamed body included.
        public var resource: Duration

        public init(request: Duration = .seconds(60), resource: Duration = .seconds(3600)) {
            self.request = request
            self.resource = resource
        }
    }

    public let timeouts: Timeouts
    private let session: URLSession
    private let exchanges: Exchanges

    public init(timeouts: Timeouts = Timeouts()) {
        self.timeouts = timeouts
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeouts.request.timeInterval
        configuration.timeoutIntervalForResource = timeouts.resource.timeInterval
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        exchanges = Exchanges()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: exchanges, delegateQueue: queue)
    }

    /// Exchanges under way finish first (a body still streaming keeps its connection); then the session lets go
    /// of its delegate.
    deinit { session.finishTasksAndInvalidate() }

    /// Exchanges whose HTTP task has not completed: cancelling a reader must bring its own to an end.
    var exchangesUnderWay: Int { exchanges.count }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        guard let url = URL(string: request.url) else {
            throw TransportError(.connectionFailed, "not a URL: \(request.url)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        // A request's own timeout (60 s unless set) would otherwise stand in for the session's.
        urlRequest.timeoutInterval = timeouts.request.timeInterval
        for field in request.headers { urlRequest.setValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let task = session.dataTask(with: urlRequest)
        let (body, bodyContinuation) = AsyncThrowingStream.makeStream(of: [UInt8].self, throwing: (any Error).self)
        bodyContinuation.onTermination = { ending in
            if case .cancelled = ending { task.cancel() }
        }
        let head: ResponseHead = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { responseContinuation in
                exchanges.begin(task.taskIdentifier, head: responseContinuation, body: bodyContinuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
        return TransportResponse(status: head.status, headers: head.headers, body: ResponseBody(body))
    }
}
