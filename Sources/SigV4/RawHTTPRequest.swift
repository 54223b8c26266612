/// Reads and writes HTTP/1.1 requests as text, in the form the published SigV4 suites use.
///
/// The suites' request lines carry raw spaces and raw UTF-8 (`GET /example space/ HTTP/1.1`), which an
/// ordinary HTTP parser rejects, so this reader takes the target as everything between the first space
/// and the final ` HTTP/1.1`. Headers keep order and duplicates; a line starting with whitespace continues
/// the previous header (obs-fold) and is joined with one space. The first empty line ends the headers.
public enum RawHTTPRequest {
    /// Why a text is not a request.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Parses a request; CRLF and LF line ends are both accepted.
    public static func parse(_ text: [UInt8]) throws(ParseError) -> SigV4Request {
        var lines: [ArraySlice<UInt8>] = []
        var bodyStart: Int? = nil
        var start = 0
        var i = 0
        while i < text.count {
            if text[i] == UInt8(ascii: "\n") {
                var end = i
                if end > start, text[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if end == start {  // empty line: end of headers
                    bodyStart = i + 1
                    break
                }
                lines.append(text[start..<end])
                start = i + 1
            }
            i += 1
        }
        if bodyStart == nil, start < text.count {
            var end = text.count
            if text[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end > start { lines.append(text[start..<end]) }
        }
        guard let requestLine = lines.first else { throw ParseError(description: "empty request") }
        guard let firstSpace = requestLine.firstIndex(of: UInt8(ascii: " ")) else {
            throw ParseError(description: "request line has no target: \(String(decoding: requestLine, as: UTF8.self))")
        }
        let method = String(decoding: requestLine[requestLine.startIndex..<firstSpace], as: UTF8.self)
        var target = requestLine[(firstSpace + 1)...]
        for version in [" HTTP/1.1", " HTTP/1.0"].map({ Array($0.utf8) })
        where target.count >= version.count && Array(target.suffix(version.count)) == version {
            target = target.dropLast(version.count)
            break
        }
        guard !method.isEmpty, !target.isEmpty else { throw ParseError(description: "request line needs a method and a target") }

        var headers: [HTTPHeader] = []
        for line in lines.dropFirst() {
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                guard !headers.isEmpty else { throw ParseError(description: "continuation line before any header") }
                let continuation = String(decoding: line, as: UTF8.self).trimmingSpaces
                headers[headers.count - 1].value += " " + continuation
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw ParseError(description: "header line without a colon: \(String(decoding: line, as: UTF8.self))")
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            guard !name.isEmpty, !name.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) else {
                throw ParseError(description: "invalid header name: \(name)")
            }
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces
            headers.append(HTTPHeader(name, value))
        }
        let body = bodyStart.map { Array(text[$0...]) } ?? []
        return SigV4Request(method: method, target: String(decoding: target, as: UTF8.self), headers: headers, body: body)
    }

    /// Parses a request from text.
    public static func parse(_ text: String) throws(ParseError) -> SigV4Request { try parse(Array(text.utf8)) }

    /// Writes a request as text with LF line ends: request line, `Name:value` headers, an empty line, the body.
    public static func serialize(_ request: SigV4Request, lineEnd: String = "\n") -> [UInt8] {
        var out = Array("\(request.method) \(request.target) HTTP/1.1\(lineEnd)".utf8)
        for h in request.headers { out += Array("\(h.name):\(h.value)\(lineEnd)".utf8) }
        out += Array(lineEnd.utf8)
        out += request.body
        return out
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (HTTP's optional whitespace).
    var trimmingSpaces: String {
        let u = Array(utf8)
        var lo = 0
        var hi = u.count
        while lo < hi, u[lo] == 0x20 || u[lo] == 0x09 { lo += 1 }
        while hi > lo, u[hi - 1] == 0x20 || u[hi - 1] == 0x09 { hi -= 1 }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}
