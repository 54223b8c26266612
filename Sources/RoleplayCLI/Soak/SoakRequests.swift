import AWSWire
import Foundation
import SigV4

/// Signed AWS requests as raw HTTP/1.1 bytes, in the three protocols the mix speaks: query (STS, IAM), JSON 1.1
/// (CloudTrail) and rest-json (Bedrock Runtime).
///
/// Each request is signed when it is built, at the wall clock's current second, with the project's own `Signer`:
/// a five-minute soak outlives the emulator's 15-minute skew window for nothing, but a request signed once and
/// replayed would stop being accepted, and a fresh signature is what a real client sends.
struct SoakRequests: Sendable {
    var port: UInt16
    var region = "us-east-1"
    /// Derived signing keys, shared by every thread (the cache is `Sendable`).
    var keyCache = SigningKeyCache()

    var host: String { "127.0.0.1:\(port)" }

    /// An STS or IAM call: `POST /` with `Action`, `Version` and `parameters` form-encoded.
    func query(_ service: String, _ action: String, _ parameters: [(String, String)], as credentials: Credentials)
        -> [UInt8]
    {
        var list = [QueryParameters.Parameter("Action", action)]
        list.append(QueryParameters.Parameter("Version", service == "iam" ? "2010-05-08" : "2011-06-15"))
        list += parameters.map { QueryParameters.Parameter($0.0, $0.1) }
        let unsigned = SigV4Request(
            method: "POST", path: "/",
            headers: [
                HTTPHeader("Host", host),
                HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ],
            body: Array(QueryParameters(list).formEncoded.utf8))
        return sign(unsigned, service: service, credentials)
    }

    /// A CloudTrail call (JSON 1.1, `X-Amz-Target`).
    func cloudTrail(_ operation: String, _ body: JSONValue, as credentials: Credentials) -> [UInt8] {
        let unsigned = SigV4Request(
            method: "POST", path: "/",
            headers: [
                HTTPHeader("Host", host), HTTPHeader("Content-Type", "application/x-amz-json-1.1"),
                HTTPHeader("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.\(operation)"),
            ],
            body: JSONWriter.bytes(body))
        return sign(unsigned, service: "cloudtrail", credentials)
    }

    /// A Bedrock Runtime call on `/model/{modelID}/{operation}` (rest-json; the service is signed as `bedrock`).
    func bedrock(_ operation: String, model: String, _ body: JSONValue, as credentials: Credentials) -> [UInt8] {
        let accept = operation.contains("stream") ? "application/vnd.amazon.eventstream" : "application/json"
        let unsigned = SigV4Request(
            method: "POST", path: "/model/\(model.replacing(":", with: "%3A"))/\(operation)",
            headers: [
                HTTPHeader("Host", host), HTTPHeader("Content-Type", "application/json"), HTTPHeader("Accept", accept),
            ],
            body: JSONWriter.bytes(body))
        return sign(unsigned, service: "bedrock", credentials)
    }

    /// An unsigned admin API request (`/_roleplay/...`).
    func admin(_ method: String, _ path: String, _ body: JSONValue? = nil) -> [UInt8] {
        let bytes = body.map { JSONWriter.bytes($0) } ?? []
        return Array("\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nContent-Length: \(bytes.count)\r\n\r\n".utf8)
            + bytes
    }

    private func sign(_ unsigned: SigV4Request, service: String, _ credentials: Credentials) -> [UInt8] {
        let signer = Signer(credentials: credentials, region: region, service: service, keyCache: keyCache)
        // HMAC signing never throws; only SigV4a's ECDSA can.
        let signed = (try? signer.sign(unsigned, at: AmzDate(Date())))?.request ?? unsigned
        var head = "\(signed.method) \(signed.target) HTTP/1.1\r\n"
        for header in signed.headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(signed.body.count)\r\n\r\n"
        return Array(head.utf8) + signed.body
    }
}
