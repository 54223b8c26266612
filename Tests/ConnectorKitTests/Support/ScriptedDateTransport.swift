import AWSWire
import ConnectorKit
import Foundation
import SigV4
import RoleplaySync
import Synchronization

/// Refuses every request as skewed, with a `Date` one more hour ahead each time: a service no correction can
/// satisfy, to show the correction is tried only once per call.
final class ScriptedDateTransport: Transport {
    private let sent = Locked(0)

    var attempts: Int { sent.withLock { $0 } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let hours = sent.withLock { sent in
            sent += 1
            return sent
        }
        let date = AmzDate(Date().addingTimeInterval(TimeInterval(hours * 3600))).httpDate
        return TransportResponse(
            status: 403,
            headers: [HTTPField("x-amzn-ErrorType", "InvalidSignatureException"), HTTPField("Date", date)],
            body: ResponseBody(bytes: Array(#"{"message":"Signature expired"}"#.utf8)))
    }
}
