import Foundation
import SigV4
import TestSupport

/// Requests to a `roleplay serve` child on 127.0.0.1, each on a fresh connection, for the security tests.
enum ServeCalls {
    /// `GET path` with extra header lines (`Name: value`).
    static func get(_ path: String, port: UInt16, headers: [String] = []) throws -> WireResponse {
        let connection = try TestConnection(port: port)
        let extra = headers.map { $0 + "\r\n" }.joined()
        try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(extra)\r\n")
        return try connection.readResponse()
    }

    /// A query-protocol call signed now (the child checks signatures against the real clock), and the
    /// `Signature=` value it carried.
    static func call(
        _ action: String, version: String = "2011-06-15", service: String = "sts",
        _ parameters: [(String, String)] = [],
        as credentials: Credentials = SignedQuery.root, port: UInt16
    ) throws -> (response: WireResponse, signature: String) {
        let request = SignedQuery.request(
            action, version: version, service: service, parameters, as: credentials, host: "127.0.0.1:\(port)",
            at: AmzDate(Date()))
        let authorization = request.headers.first { $0.name.lowercased() == "authorization" }?.value ?? ""
        let signature = authorization.components(separatedBy: "Signature=").last ?? ""
        let connection = try TestConnection(port: port)
        try connection.send(SignedQuery.wire(request))
        return (try connection.readResponse(), signature)
    }

    /// A value in query-string form.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
