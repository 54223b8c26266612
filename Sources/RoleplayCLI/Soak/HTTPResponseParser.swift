import Foundation

/// One HTTP/1.1 response as the soak's client read it off the socket.
struct SoakResponse: Sendable, Hashable {
    var status: Int
    /// Header fields in arrival order, names as sent.
    var headers: [Header]
    /// The body, de-chunked when it came with `Transfer-Encoding: chunked`.
    var body: [UInt8]

    struct Header: Sendable, Hashable {
        var name: String
        var value: String
    }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The request ID AWS protocols put in a header (`x-amzn-RequestId`, or S3-style `x-amz-request-id`).
    var requestID: String? { header("x-amzn-RequestId") ?? header("x-amz-request-id") }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why a response could not be read: the bytes broke HTTP/1.1 framing, or the peer closed mid-response.
struct SoakHTTPError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// An incremental HTTP/1.1 response parser: bytes in, whole responses out.
///
/// The soak reads many responses from one keep-alive connection, so framing must be exact: a response ends where
/// its `Content-Length` or its last chunk says, and the next one starts right after. It has no dependency on the
/// server's own HTTP code, so a framing bug there shows up here as an error rather than being mirrored.
struct HTTPResponseParser: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0
    private var head: (status: Int, headers: [SoakResponse.Header], framing: Framing)?
    private var chunkedBody: [UInt8] = []
    /// A chunked body's trailer is being skipped (after the zero-size chunk).
    private var inTrailer = false
    /// Set to true for a response to HEAD (no body whatever the headers say).
    var expectsNoBody = false

    /// The most header bytes accepted before the blank line; a peer sending more is broken, not slow.
    static let maxHeadBytes = 64 << 10

    private enum Framing: Sendable {
        case none
        case length(Int)
        case chunked
        case untilClose
    }

    init() {}

    /// Bytes buffered and not yet part of a returned response.
    var bufferedCount: Int { buffer.count - start }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole response, or nil when more bytes are needed.
    mutating func next() throws(SoakHTTPError) -> SoakResponse? {
        if head == nil {
            guard let end = find([13, 10, 13, 10], from: start) else {
                if bufferedCount > Self.maxHeadBytes {
                    throw SoakHTTPError("response head over \(Self.maxHeadBytes) bytes")
                }
                return nil
            }
            head = try Self.parseHead(buffer[start..<end], noBody: expectsNoBody)
            start = end + 4
        }
        guard let current = head else { return nil }
        switch current.framing {
        case .none:
            return finish(current, body: [])
        case .length(let count):
            guard bufferedCount >= count else { return nil }
            let body = Array(buffer[start..<start + count])
            start += count
            return finish(current, body: body)
        case .chunked:
            return try nextChunked(current)
        case .untilClose:
            return nil
        }
    }

    /// The response whose body runs to the end of the connection, once the peer has closed it; nil if nothing is
    /// pending.
    /// - Throws: when the connection closed in the middle of a framed response.
    mutating func finishAtClose() throws(SoakHTTPError) -> SoakResponse? {
        guard let current = head else {
            if bufferedCount > 0 { throw SoakHTTPError("connection closed inside a response head") }
            return nil
        }
        guard case .untilClose = current.framing else {
            throw SoakHTTPError("connection closed before the end of a response body")
        }
        let body = Array(buffer[start...])
        start = buffer.count
        return finish(current, body: body)
    }

    private mutating func finish(
        _ current: (status: Int, headers: [SoakResponse.Header], framing: Framing), body: [UInt8]
    ) -> SoakResponse {
        head = nil
        chunkedBody = []
        inTrailer = false
        return SoakResponse(status: current.status, headers: current.headers, body: body)
    }

    private mutating func nextChunked(
        _ current: (status: Int, headers: [SoakResponse.Header], framing: Framing)
    ) throws(SoakHTTPError) -> SoakResponse? {
        while true {
            guard let lineEnd = find([13, 10], from: start) else {
                if bufferedCount > Self.maxHeadBytes {
                    throw SoakHTTPError("chunk line over \(Self.maxHeadBytes) bytes")
                }
                return nil
            }
            if inTrailer {
                let empty = lineEnd == start
                start = lineEnd + 2
                if empty { return finish(current, body: chunkedBody) }
                continue
            }
            let line = String(decoding: buffer[start..<lineEnd], as: UTF8.self)
            let digits =
                line.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: [" ", "\t"]) } ?? ""
            guard !digits.isEmpty, digits.count <= 15, let size = Int(digits, radix: 16) else {
                throw SoakHTTPError("bad chunk size line \"\(line.prefix(40))\"")
            }
            if size == 0 {
                start = lineEnd + 2
                inTrailer = true
                continue
            }
            let dataStart = lineEnd + 2
            guard buffer.count >= dataStart + size + 2 else { return nil }
            guard buffer[dataStart + size] == 13, buffer[dataStart + size + 1] == 10 else {
                throw SoakHTTPError("chunk of \(size) bytes not followed by CRLF")
            }
            chunkedBody.append(contentsOf: buffer[dataStart..<dataStart + size])
            start = dataStart + size + 2
        }
    }

    private static func parseHead(
        _ bytes: ArraySlice<UInt8>, noBody: Bool
    ) throws(SoakHTTPError) -> (status: Int, headers: [SoakResponse.Header], framing: Framing) {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]),
            (100...599).contains(status)
        else { throw SoakHTTPError("bad status line \"\(lines[0].prefix(60))\"") }
        var headers: [SoakResponse.Header] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else {
                throw SoakHTTPError("bad header line \"\(line.prefix(60))\"")
            }
            headers.append(
                .init(
                    name: String(line[..<colon]),
                    value: line[line.index(after: colon)...].trimmingCharacters(in: [" ", "\t"])))
        }
        let response = SoakResponse(status: status, headers: headers, body: [])
        if noBody || status == 204 || status == 304 || status < 200 { return (status, headers, .none) }
        if let encoding = response.header("Transfer-Encoding") {
            guard encoding.lowercased() == "chunked" else {
                throw SoakHTTPError("unsupported Transfer-Encoding \(encoding)")
            }
            return (status, headers, .chunked)
        }
        if let length = response.header("Content-Length") {
            guard let count = Int(length), count >= 0 else { throw SoakHTTPError("bad Content-Length \(length)") }
            return (status, headers, count == 0 ? .none : .length(count))
        }
        return (status, headers, .untilClose)
    }

    private func find(_ pattern: [UInt8], from offset: Int) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        var i = offset
        let last = buffer.count - pattern.count
        while i <= last {
            if buffer[i] == pattern[0] {
                var matched = true
                for j in 1..<pattern.count where buffer[i + j] != pattern[j] {
                    matched = false
                    break
                }
                if matched { return i }
            }
            i += 1
        }
        return nil
    }
}
