public import AWSWire
internal import Foundation

/// One operation's request before signing: what the typed clients build and `AWSClient` sends.
public struct ServiceRequest: Sendable {
    /// The operation's name (`AssumeRole`, `Converse`), for errors and retries.
    public var operation: String
    public var method: String
    /// The path, percent-encoded (`/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse`).
    public var path: String
    /// Query parameters, not yet encoded, in order.
    public var query: [(name: String, value: String)]
    /// Operation headers (`Content-Type`, `X-Amz-Target`, `Accept`); `Host` and the signature are added on send.
    public var headers: [HTTPField]
    public var body: [UInt8]

    public init(
        operation: String, method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [HTTPField] = [], body: [UInt8] = []
    ) {
        self.operation = operation
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// An awsQuery call (STS, IAM): a form-encoded POST of `Action`, `Version` and the parameters.
    public static func query(action: String, version: String, parameters: [(String, String)]) -> ServiceRequest {
        let form = QueryParameters(
            [QueryParameters.Parameter("Action", action), QueryParameters.Parameter("Version", version)]
                + parameters.map { QueryParameters.Parameter($0.0, $0.1) })
        return ServiceRequest(
            operation: action, method: "POST", path: "/",
            headers: [HTTPField("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(form.formEncoded.utf8))
    }

    /// An awsJson 1.1 call (CloudTrail): `POST /` with `X-Amz-Target: PREFIX.Operation`.
    public static func json(targetPrefix: String, operation: String, body: JSONValue) -> ServiceRequest {
        ServiceRequest(
            operation: operation, method: "POST", path: "/",
            headers: [
                HTTPField("Content-Type", "application/x-amz-json-1.1"),
                HTTPField("X-Amz-Target", "\(targetPrefix).\(operation)"),
            ],
            body: JSONWriter.bytes(body))
    }

    /// A restJson call (Bedrock): `labels` are percent-encoded into `path` where `{name}` stands.
    public static func rest(
        _ operation: String, method: String, path template: String, labels: [String: String] = [:],
        query: [(name: String, value: String)] = [], headers: [HTTPField] = [], body: [UInt8]? = nil
    ) -> ServiceRequest {
        var path = template
        for (name, value) in labels {
            path = path.replacingOccurrences(of: "{\(name)}", with: PercentEncoding.encode(value, space: .percent20))
        }
        var allHeaders = headers
        if body != nil, !allHeaders.contains(where: { $0.name.caseInsensitiveEquals("Content-Type") }) {
            allHeaders.append(HTTPField("Content-Type", "application/json"))
        }
        return ServiceRequest(
            operation: operation, method: method, path: path, query: query, headers: allHeaders, body: body ?? [])
    }

    /// `path?query`, with the query encoded as SigV4 canonicalizes it.
    var target: String {
        guard !query.isEmpty else { return path }
        return path + "?"
            + query.map {
                PercentEncoding.encode($0.name, space: .percent20) + "=" + PercentEncoding.encode($0.value, space: .percent20)
            }.joined(separator: "&")
    }
}

/// A whole, successful response.
public struct ServiceResponse: Sendable {
    public var status: Int
    public var headers: [HTTPField]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPField], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }

    /// `x-amzn-RequestId` (every service here sends it).
    public var requestID: String? { header("x-amzn-RequestId") ?? header("x-amz-request-id") }
}
