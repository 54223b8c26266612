import AWSWire
import SigV4

/// One CloudTrail record as event history keeps it (spec §8.2), with the JSON members that vary between
/// calls held as compact JSON text, ready to be spliced into the record.
///
/// The store keeps events in a compact, interned form (`StoredEvent`); this is the self-contained value it
/// takes in, hands out, and the journal writes.
struct CloudTrailEvent: Sendable, Hashable {
    /// A UUID, unique per copy (a cross-account call's two copies have different ones).
    var eventID: EventID
    /// Seconds since 1970 (virtual time).
    var eventTime: Int64
    /// When LookupEvents starts returning it: `eventTime` plus the delivery lag.
    var visibleAt: Int64
    /// The account whose event history holds this copy.
    var recipientAccountID: String
    var region: String
    /// `sts.amazonaws.com`, `iam.amazonaws.com`, `bedrock.amazonaws.com`, `cloudtrail.amazonaws.com`.
    var eventSource: String
    var eventName: String
    var readOnly: Bool
    /// The `userIdentity` object, compact JSON.
    var userIdentity: String
    /// LookupEvents' `Username`: the user name, the role session name, `root`; nil when the identity has none.
    var username: String?
    /// LookupEvents' `AccessKeyId`; nil when the identity shows none (the role owner's copy).
    var accessKeyID: String?
    var sourceIPAddress: String
    var userAgent: String
    /// `requestParameters`, `responseElements`, `additionalEventData` as compact JSON; nil is `null` (absent for
    /// `additionalEventData`).
    var requestParameters: String?
    var responseElements: String?
    var additionalEventData: String?
    var requestID: EventID
    /// The ID both copies of a cross-account call share; nil otherwise.
    var sharedEventID: EventID?
    var resources: [TrailResource]
    /// The request's `Host` header (`tlsDetails.clientProvidedHostHeader`).
    var host: String
    var errorCode: String?
    var errorMessage: String?

    /// The record version written: 1.08 holds every member the emulator fills.
    static let eventVersion = "1.08"

    /// The record as LookupEvents' `CloudTrailEvent` string carries it, members in AWS's order.
    ///
    /// `tlsDetails` holds only `clientProvidedHostHeader`: the emulator speaks plain HTTP, so there is no TLS
    /// version or cipher suite to report, and inventing one would mislead an auditor (docs/cloudtrail.md).
    var recordJSON: String {
        var out = ""
        out.reserveCapacity(
            512 + userIdentity.utf8.count + userAgent.utf8.count + (requestParameters?.utf8.count ?? 0)
                + (responseElements?.utf8.count ?? 0))
        // `,"name":json`, appended piece by piece.
        func member(_ name: String, _ json: String) {
            out += ",\""
            out += name
            out += "\":"
            out += json
        }
        out += #"{"eventVersion":""#
        out += Self.eventVersion
        out += "\""
        member("userIdentity", userIdentity)
        member("eventTime", "\"" + AmzDate(secondsSince1970: eventTime).iso8601() + "\"")
        member("eventSource", JSONWriter.quoted(eventSource))
        member("eventName", JSONWriter.quoted(eventName))
        member("awsRegion", JSONWriter.quoted(region))
        member("sourceIPAddress", JSONWriter.quoted(sourceIPAddress))
        member("userAgent", JSONWriter.quoted(userAgent))
        if let errorCode { member("errorCode", JSONWriter.quoted(errorCode)) }
        if let errorMessage { member("errorMessage", JSONWriter.quoted(errorMessage)) }
        member("requestParameters", requestParameters ?? "null")
        member("responseElements", responseElements ?? "null")
        if let additionalEventData { member("additionalEventData", additionalEventData) }
        member("requestID", "\"" + requestID.text + "\"")
        member("eventID", "\"" + eventID.text + "\"")
        member("readOnly", readOnly ? "true" : "false")
        if !resources.isEmpty { member("resources", JSONWriter.string(.array(resources.map(\.recordJSON)))) }
        member("eventType", #""AwsApiCall""#)
        member("managementEvent", "true")
        member("recipientAccountId", JSONWriter.quoted(recipientAccountID))
        if let sharedEventID { member("sharedEventID", "\"" + sharedEventID.text + "\"") }
        member("eventCategory", #""Management""#)
        member("tlsDetails", #"{"clientProvidedHostHeader":"# + JSONWriter.quoted(host) + "}")
        out += "}"
        return out
    }

    /// One element of LookupEvents' `Events` (spec §8.1): `ReadOnly` a string, `EventTime` a number.
    var lookupJSON: JSONValue {
        var members: [JSONMember] = [
            JSONMember("EventId", .string(eventID.text)), JSONMember("EventName", .string(eventName)),
            JSONMember("ReadOnly", .string(readOnly ? "true" : "false")),
        ]
        if let accessKeyID { members.append(JSONMember("AccessKeyId", .string(accessKeyID))) }
        members.append(JSONMember("EventTime", .int(eventTime)))
        members.append(JSONMember("EventSource", .string(eventSource)))
        if let username { members.append(JSONMember("Username", .string(username))) }
        members.append(
            JSONMember(
                "Resources",
                .array(resources.map { ["ResourceType": .string($0.type), "ResourceName": .string($0.arn)] })))
        members.append(JSONMember("CloudTrailEvent", .string(recordJSON)))
        return .object(members)
    }
}

extension TrailResource {
    /// `{accountId, type, ARN}` as records list resources; AWS-owned resources have no `accountId`.
    var recordJSON: JSONValue {
        var members: [JSONMember] = []
        if let accountID { members.append(JSONMember("accountId", .string(accountID))) }
        members.append(JSONMember("type", .string(type)))
        members.append(JSONMember("ARN", .string(arn)))
        return .object(members)
    }
}
