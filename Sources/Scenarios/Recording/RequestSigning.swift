internal import AWSWire
internal import ConnectorKit
internal import Foundation
internal import SigV4

/// Signing a recorded request anew, for the recorder's upstream and for replay: the signature the client made
/// is for another host and another moment, so only the request's content is kept and SigV4 is applied again.
enum RequestSigning {
    /// Headers that belong to one signature or one connection, never to the request's content: dropped when
    /// recording and added afresh when sending.
    static let connectionHeaders: Set<String> = [
        "authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "host", "content-length",
        "connection", "keep-alive", "expect", "transfer-encoding", "accept-encoding", "user-agent", "date",
    ]

    static func contentHeaders(_ headers: [HTTPField]) -> [HTTPField] {
        headers.filter { !connectionHeaders.contains($0.name.lowercased()) }
    }

    /// The request for `endpoint`, signed with `credentials` for `region` and `signingName` at `time`; unsigned
    /// when `credentials` is nil (the emulator's admin API).
    static func request(
        method: String, target: String, headers: [HTTPField], body: [UInt8], endpoint: Endpoint,
        credentials: Credentials?, region: String, signingName: String, at time: Date
    ) throws -> TransportRequest {
        let fullTarget = endpoint.basePath + target
        var fields = [HTTPField("Host", endpoint.hostHeader)] + contentHeaders(headers)
        if let credentials {
            let unsigned = SigV4Request(
                method: method, target: fullTarget, headers: fields.map { HTTPHeader($0.name, $0.value) }, body: body)
            let signed = try Signer(credentials: credentials, region: region, service: signingName)
                .sign(unsigned, at: AmzDate(time))
            fields = signed.request.headers.map { HTTPField($0.name, $0.value) }
        }
        return TransportRequest(endpoint: endpoint, method: method, target: fullTarget, headers: fields, body: body)
    }

    /// Where a service's requests go: a custom URL serves every service (and the admin API); AWS's endpoints are
    /// per service. Nil for a service AWS does not have (`roleplay`) on AWS.
    static func endpoint(
        _ endpoints: EndpointResolver, service: String, region: String?, signingRegion: String?
    ) -> Endpoint? {
        let known = AWSService(rawValue: service)
        guard known != nil || endpoints.override != nil else { return nil }
        var endpoint = endpoints.endpoint(for: known ?? .sts, region: region ?? "us-east-1")
        if let signingRegion { endpoint.signingRegion = signingRegion }
        return endpoint
    }
}
