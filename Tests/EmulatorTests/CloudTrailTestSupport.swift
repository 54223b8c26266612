import AWSWire
import SigV4
import Testing

@testable import Emulator

extension TestEndpoint {
    /// Signs and sends LookupEvents with a JSON body, as boto3 sends it (spec §8.1).
    func lookupEvents(_ body: JSONValue = [:], as credentials: Credentials, region: String = "us-east-1")
        -> TestResponse
    {
        let request = SigV4Request(
            method: "POST", path: "/",
            headers: [
                HTTPHeader("Host", Self.host),
                HTTPHeader("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"),
                HTTPHeader("Content-Type", "application/x-amz-json-1.1"),
            ], body: JSONWriter.bytes(body))
        return send(sign(request, service: "cloudtrail", as: credentials, region: region))
    }

    /// LookupEvents filtered on one attribute; the events as parsed records, newest first.
    func records(
        _ key: String? = nil, _ value: String = "", as credentials: Credentials, region: String = "us-east-1"
    ) throws -> [JSONValue] {
        var body: [JSONMember] = []
        if let key {
            body.append(
                JSONMember("LookupAttributes", [["AttributeKey": .string(key), "AttributeValue": .string(value)]]))
        }
        let response = lookupEvents(.object(body), as: credentials, region: region)
        try #require(response.status == 200, "\(response)")
        return try response.lookupEvents().map { try #require($0.cloudTrailRecord) }
    }
}

extension TestResponse {
    /// LookupEvents' `Events`.
    func lookupEvents() throws -> [JSONValue] {
        try #require(json?["Events"]?.arrayValue, "\(self)")
    }

    /// A JSON 1.1 error's `__type`.
    var jsonErrorType: String? { json?["__type"]?.stringValue }
}

extension JSONValue {
    /// A LookupEvents entry's `CloudTrailEvent`, parsed.
    var cloudTrailRecord: JSONValue? {
        self["CloudTrailEvent"]?.stringValue.flatMap { try? JSONReader().decode($0) }
    }

    /// The value at a `/`-separated path of object members.
    func at(_ path: String) -> JSONValue? {
        var current: JSONValue? = self
        for key in path.split(separator: "/") { current = current?[String(key)] }
        return current
    }
}
