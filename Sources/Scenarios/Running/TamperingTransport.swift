internal import AWSWire
internal import ConnectorKit
internal import SigV4

/// A transport that changes one part of each request after ConnectorKit signed it, then sends it on: how a
/// scenario shows that the service refuses a request that is not the one signed (`tamper:` on a `call` step).
/// It sits below the client, so ConnectorKit's signing stays the one every other call uses.
struct TamperingTransport: Transport {
    let base: any Transport
    let tamper: CallOptions.Tamper

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await base.send(try Self.tampered(request, tamper))
    }

    /// `request` with `part` changed.
    /// - Throws: `StepFailure` when the request has no such part (a token tampered on long-term keys).
    static func tampered(_ request: TransportRequest, _ part: CallOptions.Tamper) throws(StepFailure)
        -> TransportRequest
    {
        var request = request
        switch part {
        case .body:
            // A space: still valid JSON and form text, so only the payload hash tells the change.
            request.body.append(0x20)
        case .header:
            try edit(&request, "X-Amz-Date") { value in
                guard let date = AmzDate(amzFormat: value) else { return nil }
                // One second, kept inside the credential scope's day so only the signature can tell.
                let step: Int64 = date.secondsSince1970 % 86_400 == 86_399 ? -1 : 1
                return AmzDate(secondsSince1970: date.secondsSince1970 + step).amzFormat
            }
        case .signature:
            try edit(&request, "Authorization") { value in
                guard value.contains("Signature="), let last = value.last?.hexDigitValue else { return nil }
                return value.dropLast() + String(last ^ 1, radix: 16)
            }
        case .token:
            try edit(&request, "X-Amz-Security-Token") { value in
                guard let last = value.last else { return nil }
                return value.dropLast() + (last == "A" ? "B" : "A")
            }
        }
        return request
    }

    /// Replaces the value of header `name` with what `change` makes of it.
    private static func edit(
        _ request: inout TransportRequest, _ name: String, _ change: (String) -> String?
    ) throws(StepFailure) {
        guard let index = request.headers.firstIndex(where: { $0.name.lowercased() == name.lowercased() }),
            let value = change(request.headers[index].value)
        else {
            throw StepFailure("tamper: the signed request has no \(name) to change")
        }
        request.headers[index] = HTTPField(request.headers[index].name, value)
    }
}
