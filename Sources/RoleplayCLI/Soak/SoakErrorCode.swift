import AWSWire
import Foundation

/// Reads the AWS error code out of an error response, in each protocol's own place.
///
/// The soak judges every failure by its code: a code the fault plan asked for is expected, anything else fails
/// the run. So the code must come from where an SDK reads it, not from the status alone.
enum SoakErrorCode {
    enum WireProtocol: Sendable { case query, json, restJSON }

    /// The code of an error response, or nil when none can be found (itself an unexpected answer).
    static func code(of response: SoakResponse, protocol wire: WireProtocol) -> String? {
        switch wire {
        case .query:
            return element("Code", in: response.text)
        case .json:
            guard let value = try? JSONReader().decode(response.body), let type = value["__type"]?.stringValue else {
                return nil
            }
            return type.split(separator: "#").last.map(String.init)
        case .restJSON:
            if let type = response.header("x-amzn-ErrorType") {
                return type.split(separator: ":").first.map(String.init)
            }
            guard let value = try? JSONReader().decode(response.body) else { return nil }
            return value["__type"]?.stringValue?.split(separator: "#").last.map(String.init)
        }
    }

    /// The text of the first `<name>` element (two fields of small documents; no XML parser needed).
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }

    /// The in-stream exception of an event-stream body (`:message-type` `exception` or `error`), if any.
    /// - Throws: `EventStreamError` when the frames do not decode (a broken stream is never expected).
    static func streamException(_ body: [UInt8]) throws -> (code: String?, events: Int) {
        let messages = try EventStreamDecoder.decodeAll(body)
        var events = 0
        for message in messages {
            switch message[header: ":message-type"]?.stringValue {
            case "event": events += 1
            case "exception": return (message[header: ":exception-type"]?.stringValue ?? "unnamed exception", events)
            case "error": return (message[header: ":error-code"]?.stringValue ?? "unnamed error", events)
            default: return ("frame without a known :message-type", events)
            }
        }
        return (nil, events)
    }
}
