import ArgumentParser
import Foundation
import SigV4

/// A signing or server time given on the command line.
///
/// Accepts the `X-Amz-Date` form (`20150830T123600Z`) and ISO 8601 (`2015-08-30T12:36:00Z`, also with
/// fractional seconds or a UTC offset). Fractions are dropped, as SDKs do when they sign.
struct TimeArgument: ExpressibleByArgument, Sendable {
    var date: AmzDate

    init(_ date: AmzDate) { self.date = date }

    init?(argument: String) {
        if let d = AmzDate(amzFormat: argument) ?? AmzDate(iso8601: argument) {
            date = d
            return
        }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
        ] {
            formatter.formatOptions = options
            if let d = formatter.date(from: argument) {
                date = AmzDate(d)
                return
            }
        }
        return nil
    }
}

/// The wire protocol whose error codes `verify` reports (aws-wire-facts §2.3–2.4).
enum ProtocolArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// STS, IAM: `SignatureDoesNotMatch`, `IncompleteSignature`, `InvalidClientTokenId`…
    case query
    /// CloudTrail (JSON 1.1): `InvalidSignatureException`, `UnrecognizedClientException`…
    case json
    /// Bedrock (rest-json): the JSON codes with rest-json's HTTP statuses.
    case restJSON = "rest-json"

    var wireProtocol: AuthFailure.WireProtocol {
        switch self {
        case .query: .query
        case .json: .json
        case .restJSON: .restJSON
        }
    }
}

/// Environment variables the AWS CLI and SDKs read, used when the matching option is not given.
enum CredentialEnvironment {
    static let accessKeyID = "AWS_ACCESS_KEY_ID"
    static let secretAccessKey = "AWS_SECRET_ACCESS_KEY"
    static let sessionToken = "AWS_SESSION_TOKEN"

    /// A non-empty value of `name`, or nil.
    static func value(_ name: String, in environment: [String: String]) -> String? {
        guard let v = environment[name], !v.isEmpty else { return nil }
        return v
    }
}

/// Parsing a raw HTTP request given to `sign` or `verify`.
enum RequestInput {
    /// Parses the request text; a lone `http://…` or `https://…` URL (a presigned URL pasted as is) is
    /// read as `GET <path?query>` with its `Host`.
    ///
    /// - Throws: `CLIError` saying what is wrong with the text.
    static func parse(_ bytes: [UInt8]) throws -> SigV4Request {
        if let url = presignedURL(bytes) { return url }
        guard bytes.contains(where: { !Self.isWhitespace($0) }) else {
            throw CLIError("the input is empty: expected a raw HTTP request (request line, headers, empty line, body)")
        }
        do {
            return try RawHTTPRequest.parse(bytes)
        } catch {
            throw CLIError("not an HTTP request: \(error.description)")
        }
    }

    /// A request from a single-line URL, or nil when the input is something else.
    static func presignedURL(_ bytes: [UInt8]) -> SigV4Request? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.contains("\n"), !text.contains(" ") else { return nil }
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst("https://".count)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst("http://".count)
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let host = String(rest[..<authorityEnd])
        guard !host.isEmpty else { return nil }
        var target = String(rest[authorityEnd...])
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        return SigV4Request(method: "GET", target: target, headers: [HTTPHeader("Host", host)])
    }

    static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// A warning when `Content-Length` disagrees with the body, which usually means an editor added a
    /// newline at the end of the file (the body is every byte after the empty line).
    static func contentLengthWarning(_ request: SigV4Request) -> String? {
        guard let declared = request.header("Content-Length").flatMap({ Int($0) }), declared != request.body.count
        else { return nil }
        let trailing = request.body.last == 0x0A ? " (does the file end with a newline?)" : ""
        return "warning: Content-Length is \(declared) but the body has \(request.body.count) bytes\(trailing)"
    }
}
