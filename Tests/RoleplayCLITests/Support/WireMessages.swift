import Foundation
import SigV4
import TestSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// STS and IAM calls signed as botocore signs them (`POST /`, form body, `Host` and `Content-Type` signed),
/// written as raw HTTP/1.1 bytes for a socket.
enum SignedQuery {
    /// The root of 111111111111 under the identity convention (access key = account ID, secret `test`).
    static let root = Credentials(accessKeyID: "111111111111", secretAccessKey: "test")

    /// Signs a call whose form body is `Action`, `Version` and `parameters`, each already in wire form.
    static func request(
        _ action: String, version: String = "2011-06-15", service: String = "sts",
        _ parameters: [(String, String)] = [], as credentials: Credentials = root, host: String, at date: AmzDate
    ) -> SigV4Request {
        let pairs = [("Action", action), ("Version", version)] + parameters
        return sign(
            body: Array(pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&").utf8), service: service,
            as: credentials, host: host, at: date)
    }

    /// Signs `POST /` with any body bytes as a form (malformed ones included: the signature covers the bytes).
    static func sign(
        body: [UInt8], service: String = "sts", as credentials: Credentials = root, host: String, at date: AmzDate
    ) -> SigV4Request {
        let unsigned = SigV4Request(
            method: "POST", path: "/",
            headers: [
                HTTPHeader("Host", host),
                HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ],
            body: body)
        // HMAC signing never throws; only SigV4a's ECDSA can.
        return try! Signer(credentials: credentials, region: "us-east-1", service: service).sign(unsigned, at: date)
            .request
    }

    /// The request line and headers, then `framing` (the body's framing headers), then the blank line.
    static func head(_ request: SigV4Request, framing: [String]) -> String {
        var text = "\(request.method) \(request.target) HTTP/1.1\r\n"
        for header in request.headers { text += "\(header.name): \(header.value)\r\n" }
        for line in framing { text += line + "\r\n" }
        return text + "\r\n"
    }

    /// The whole request with a `Content-Length`.
    static func wire(_ request: SigV4Request) -> [UInt8] {
        Array(head(request, framing: ["Content-Length: \(request.body.count)"]).utf8) + request.body
    }
}

/// What a response body holds, read with parsers independent of the emulator's writers (libxml2 through
/// FoundationXML, and Foundation's JSON parser).
enum ResponseBody {
    /// The XML document's root element and the text of every element by name, or nil when it is not well-formed.
    static func xml(_ body: [UInt8]) -> XMLSummary? {
        let parser = XMLParser(data: Data(body))
        let collector = XMLSummary()
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    /// A JSON object's members, or nil when the body is not one.
    static func jsonObject(_ body: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}

/// The root element's name and each leaf element's text, collected while parsing.
final class XMLSummary: NSObject, XMLParserDelegate {
    private(set) var root: String?
    private var texts: [String: [String]] = [:]
    private var text = ""

    /// The text of every element named `name`, in document order.
    func values(_ name: String) -> [String] { texts[name] ?? [] }

    /// The text of the first element named `name`.
    func value(_ name: String) -> String? { values(name).first }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil { root = name }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        texts[name, default: []].append(text)
        text = ""
    }
}
