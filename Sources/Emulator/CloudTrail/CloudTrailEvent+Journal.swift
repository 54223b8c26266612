import AWSWire
import SigV4

/// Why a journal record could not be read back as an event.
struct JournalRecordError: Error, Hashable, Sendable {
    var message: String
}

extension CloudTrailEvent {
    /// The event as one journal record: compact JSON,
    /// `{"v":1,"visibleAt":N,"username":…,"accessKeyId":…,"record":{…}}`, where `record` is exactly the
    /// CloudTrail record LookupEvents returns (so the journal is readable with `jq`), and the envelope keeps
    /// what the record does not show (when it becomes visible, the lookup user name and access key).
    func journalBytes() -> [UInt8] {
        var out = #"{"v":1,"visibleAt":"# + String(visibleAt)
        if let username { out += #","username":"# + JSONWriter.quoted(username) }
        if let accessKeyID { out += #","accessKeyId":"# + JSONWriter.quoted(accessKeyID) }
        out += #","record":"# + recordJSON + "}"
        return Array(out.utf8)
    }

    /// Reads a journal record written by `journalBytes()`.
    /// - Throws: `JournalRecordError` when the bytes are not such a record.
    init(journalBytes bytes: [UInt8]) throws(JournalRecordError) {
        let envelope: JSONValue
        do {
            envelope = try JSONReader(limits: .init(maxBytes: 1 << 20, maxDepth: 64, maxStringBytes: 1 << 20))
                .decode(bytes)
        } catch {
            throw JournalRecordError(message: "not JSON: \(error)")
        }
        guard envelope["v"]?.numberValue?.int64 == 1, let visibleAt = envelope["visibleAt"]?.numberValue?.int64,
            let record = envelope["record"], case .object = record
        else { throw JournalRecordError(message: "not a version 1 CloudTrail journal record") }
        func text(_ key: String) throws(JournalRecordError) -> String {
            guard let value = record[key]?.stringValue else {
                throw JournalRecordError(message: "record has no \(key)")
            }
            return value
        }
        func id(_ key: String) throws(JournalRecordError) -> EventID {
            guard let id = EventID(try text(key)) else { throw JournalRecordError(message: "\(key) is not a UUID") }
            return id
        }
        func fragment(_ key: String) -> String? {
            guard let value = record[key], !value.isNull else { return nil }
            return JSONWriter.string(value)
        }
        guard let identity = record["userIdentity"], case .object = identity,
            let time = AmzDate(iso8601: try text("eventTime")), let readOnly = record["readOnly"]?.boolValue
        else { throw JournalRecordError(message: "record lacks userIdentity, eventTime or readOnly") }
        var resources: [TrailResource] = []
        for element in record["resources"]?.arrayValue ?? [] {
            guard let type = element["type"]?.stringValue, let arn = element["ARN"]?.stringValue else {
                throw JournalRecordError(message: "a resource lacks type or ARN")
            }
            resources.append(TrailResource(accountID: element["accountId"]?.stringValue, type: type, arn: arn))
        }
        self.init(
            eventID: try id("eventID"), eventTime: time.secondsSince1970, visibleAt: visibleAt,
            recipientAccountID: try text("recipientAccountId"), region: try text("awsRegion"),
            eventSource: try text("eventSource"), eventName: try text("eventName"), readOnly: readOnly,
            userIdentity: JSONWriter.string(identity), username: envelope["username"]?.stringValue,
            accessKeyID: envelope["accessKeyId"]?.stringValue, sourceIPAddress: try text("sourceIPAddress"),
            userAgent: try text("userAgent"), requestParameters: fragment("requestParameters"),
            responseElements: fragment("responseElements"), additionalEventData: fragment("additionalEventData"),
            requestID: try id("requestID"),
            sharedEventID: record["sharedEventID"] == nil ? nil : try id("sharedEventID"),
            resources: resources, host: record["tlsDetails"]?["clientProvidedHostHeader"]?.stringValue ?? "",
            errorCode: record["errorCode"]?.stringValue, errorMessage: record["errorMessage"]?.stringValue)
    }
}
