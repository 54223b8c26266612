import AWSWire
import Foundation
import SigV4

/// Reads an account's whole CloudTrail event history through `LookupEvents`, page by page, as its root.
///
/// The emulator offers no export of events besides the AWS API, and the API is what a customer audits with, so
/// reconciliation reads what they would read. Later pages are not shifted by events recorded after the first
/// (docs/cloudtrail.md), so the pages together are one snapshot of the history.
struct TrailReader {
    var requests: SoakRequests
    var connection: SoakConnection
    /// A bound on pages, so a `NextToken` that never ends cannot hang the soak.
    var maxPages = 1_000_000

    /// Calls `visit` with each event's request ID; returns the number of pages read.
    /// - Throws: `SoakFailure` when a page is not a 200 or does not parse.
    func readAll(account: String, _ visit: (String) -> Void) throws -> Int {
        let root = SoakIdentities.root(account)
        var token: String?
        var pages = 0
        let reader = JSONReader()
        repeat {
            var body: [JSONMember] = [JSONMember("MaxResults", 50)]
            if let token { body.append(JSONMember("NextToken", .string(token))) }
            let response = try connection.exchange(requests.cloudTrail("LookupEvents", .object(body), as: root))
            guard response.status == 200 else {
                throw SoakFailure("reading CloudTrail of \(account): \(response.status) \(response.text.prefix(300))")
            }
            let page = try reader.decode(response.body)
            guard let events = page["Events"]?.arrayValue else {
                throw SoakFailure("reading CloudTrail of \(account): a page without Events")
            }
            for event in events {
                guard let record = event["CloudTrailEvent"]?.stringValue,
                    let requestID = try reader.decode(Array(record.utf8))["requestID"]?.stringValue
                else { throw SoakFailure("reading CloudTrail of \(account): an event without requestID") }
                visit(requestID)
            }
            token = page["NextToken"]?.stringValue
            pages += 1
        } while token != nil && pages < maxPages
        return pages
    }
}
