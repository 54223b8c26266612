import AWSWire
import Foundation
import SigV4
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One emulator response, with the readers a test needs: headers, the body as text, the query protocol's XML
/// (through Foundation's `XMLParser`, so a body that is not well-formed XML has no tree and fails the test the
/// way it would fail boto3) and the admin API's JSON.
struct TestResponse: Sendable, CustomStringConvertible {
    let status: Int
    let headers: [HTTPField]
    let bytes: [UInt8]
    /// The parsed XML body; nil when the body is not XML or not well formed.
    let xml: XMLTree?

    init(_ response: HTTPResponse) {
        status = response.status
        headers = response.headers
        switch response.body {
        case .bytes(let bytes): self.bytes = bytes
        case .stream(let stream): bytes = Self.drain(stream)
        }
        xml = bytes.first == UInt8(ascii: "<") ? XMLTree(bytes) : nil
    }

    var body: String { String(decoding: bytes, as: UTF8.self) }

    var description: String { "\(status) \(body)" }

    /// The first value of a header, matched case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    // MARK: XML

    /// The text of the first element along `path` (`"AccessKeyId"`, `"Credentials/AccessKeyId"`): the first
    /// element named by the first component anywhere in the document, then the first descendant named by each next.
    func value(_ path: String) -> String? { xml?.element(path)?.text }

    /// The texts of every element named `name`, in document order (`values("member")`).
    func values(_ name: String) -> [String] { xml?.root.descendants(named: name).map(\.text) ?? [] }

    /// `ErrorResponse/Error/Code`.
    var errorCode: String? { value("Error/Code") }
    /// `ErrorResponse/Error/Message`.
    var errorMessage: String? { value("Error/Message") }
    /// `<RequestId>`: in `ResponseMetadata` on success, top-level in an error.
    var requestID: String? { value("RequestId") }

    /// The `<Credentials>` of an AssumeRole or GetSessionToken result.
    var credentials: Credentials? {
        guard let key = value("Credentials/AccessKeyId"), let secret = value("Credentials/SecretAccessKey"),
            let token = value("Credentials/SessionToken")
        else { return nil }
        return Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
    }

    /// The response, or an error saying what failed, for set-up steps that must succeed.
    @discardableResult
    func succeeded(_ what: @autoclosure () -> String) throws -> TestResponse {
        guard (200..<300).contains(status) else {
            throw TestEndpointError("\(what()) failed: \(status) \(errorCode ?? "") \(errorMessage ?? body)")
        }
        return self
    }

    /// Expects the query protocol's error shape with this code, status and (when given) exact message, and the
    /// same request ID in the header and the body.
    func expectError(
        _ code: String, status: Int, message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(self.status == status, "\(body)", sourceLocation: sourceLocation)
        #expect(xml?.root.name == "ErrorResponse", "\(body)", sourceLocation: sourceLocation)
        #expect(errorCode == code, sourceLocation: sourceLocation)
        if let message { #expect(errorMessage == message, sourceLocation: sourceLocation) }
        #expect(requestID != nil && requestID == header("x-amzn-RequestId"), sourceLocation: sourceLocation)
    }

    /// Expects a query-protocol success: 200, `<{Action}Response>`, the request ID in header and body.
    func expectSuccess(_ action: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 200, "\(body)", sourceLocation: sourceLocation)
        #expect(xml?.root.name == "\(action)Response", "\(body)", sourceLocation: sourceLocation)
        #expect(requestID != nil && requestID == header("x-amzn-RequestId"), sourceLocation: sourceLocation)
    }

    // MARK: JSON

    /// The admin API's JSON body.
    var json: JSONValue? { try? JSONReader().decode(bytes) }

    private static func drain(_ stream: any ResponseStream) -> [UInt8] {
        var bytes: [UInt8] = []
        while case .data(let chunk) = stream.next() { bytes += chunk }
        return bytes
    }
}

/// A set-up step that did not work, with the emulator's answer.
struct TestEndpointError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

/// An XML document as a tree of elements (name, direct text, children); attributes are not kept (the only
/// one AWS sends is `xmlns`).
struct XMLTree: Sendable {
    struct Element: Sendable {
        var name: String
        /// The character data directly inside the element, entities decoded.
        var text: String = ""
        var children: [Element] = []

        /// Every element below this one named `name`, in document order.
        func descendants(named name: String) -> [Element] {
            children.flatMap { child in (child.name == name ? [child] : []) + child.descendants(named: name) }
        }

        /// The first element below this one named `name`, in document order.
        func firstDescendant(named name: String) -> Element? {
            for child in children {
                if child.name == name { return child }
                if let found = child.firstDescendant(named: name) { return found }
            }
            return nil
        }
    }

    let root: Element

    /// Parses `bytes`; nil unless they are one well-formed XML document.
    init?(_ bytes: [UInt8]) {
        let builder = Builder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        self.root = root
    }

    /// See `TestResponse.value(_:)`; the root itself counts for the first component.
    func element(_ path: String) -> Element? {
        var names = path.split(separator: "/").map(String.init)
        guard !names.isEmpty else { return nil }
        let first = names.removeFirst()
        guard var current = root.name == first ? root : root.firstDescendant(named: first) else { return nil }
        for name in names {
            guard let next = current.firstDescendant(named: name) else { return nil }
            current = next
        }
        return current
    }

    /// Builds the tree from the parser's events (one parse, one thread).
    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            stack.append(Element(name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            guard var element = stack.popLast() else { return }
            // Indentation between child elements is not text.
            if !element.children.isEmpty, element.text.allSatisfy(\.isWhitespace) { element.text = "" }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}
