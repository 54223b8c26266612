public import Foundation
internal import AWSWire

/// One management event of CloudTrail's event history: the `LookupEvents` summary and the full record.
///
/// The summary names only who and what; an audit of a connector needs the record (`errorCode`, the role
/// assumed, the external ID presented), so the record is parsed once here and read through accessors.
public struct CloudTrailEvent: Sendable, Hashable {
    public var eventID: String
    public var eventName: String
    public var eventTime: Date
    /// `sts.amazonaws.com`, `bedrock.amazonaws.com` (both Bedrock planes)…
    public var eventSource: String?
    /// The user name or role session name; absent when the identity has none.
    public var username: String?
    public var accessKeyID: String?
    /// `"true"` or `"false"`, a string on the wire.
    public var readOnly: String?
    public var resources: [CloudTrailResource]
    /// The whole record as CloudTrail stores it: JSON text.
    public var cloudTrailEvent: String
    /// `cloudTrailEvent` parsed; `.null` if the service sent text that is not a JSON object.
    private let record: JSONValue

    public init(
        eventID: String, eventName: String, eventTime: Date, eventSource: String?, username: String?,
        accessKeyID: String?, readOnly: String?, resources: [CloudTrailResource], cloudTrailEvent: String
    ) {
        self.eventID = eventID
        self.eventName = eventName
        self.eventTime = eventTime
        self.eventSource = eventSource
        self.username = username
        self.accessKeyID = accessKeyID
        self.readOnly = readOnly
        self.resources = resources
        self.cloudTrailEvent = cloudTrailEvent
        let parsed = try? JSONReader(limits: ResponseReader.limits).decode(cloudTrailEvent)
        record = parsed?.objectValue != nil ? parsed ?? .null : .null
    }

    /// The failure's code (`AccessDenied`…); nil for a call that succeeded.
    public var errorCode: String? { record["errorCode"]?.stringValue }
    public var errorMessage: String? { record["errorMessage"]?.stringValue }
    /// `userIdentity.arn`: who called (absent for the role owner's copy of a cross-account AssumeRole).
    public var userIdentityARN: String? { record["userIdentity"]?["arn"]?.stringValue }
    /// `userIdentity.type`: `IAMUser`, `AssumedRole`, `Root`, `AWSAccount`.
    public var userIdentityType: String? { record["userIdentity"]?["type"]?.stringValue }
    /// `userIdentity.accountId`: the calling account (the SaaS account in the customer's copy of AssumeRole).
    public var userIdentityAccountID: String? { record["userIdentity"]?["accountId"]?.stringValue }
    /// The account whose history holds this copy.
    public var recipientAccountID: String? { record["recipientAccountId"]?.stringValue }
    /// Links the two copies of a cross-account call.
    public var sharedEventID: String? { record["sharedEventID"]?.stringValue }
    /// The call's request ID, as the caller saw it in `x-amzn-RequestId`.
    public var requestID: String? { record["requestID"]?.stringValue }
    public var awsRegion: String? { record["awsRegion"]?.stringValue }

    /// A request parameter by its lowerCamel record name (`roleArn`, `externalId`, `roleSessionName`,
    /// `modelId`); numbers and booleans as their JSON text, nested objects and lists as nil.
    public func requestParameter(_ key: String) -> String? {
        switch record["requestParameters"]?[key] {
        case .string(let text): text
        case .number(let number): number.text
        case .bool(let flag): String(flag)
        default: nil
        }
    }

    init(json: JSONValue, _ reader: ResponseReader) throws(ResponseShapeError) {
        guard let seconds = json["EventTime"]?.numberValue?.double else { throw reader.failure("missing EventTime") }
        var resources: [CloudTrailResource] = []
        for resource in json["Resources"]?.arrayValue ?? [] {
            resources.append(
                CloudTrailResource(
                    type: resource["ResourceType"]?.stringValue, name: resource["ResourceName"]?.stringValue))
        }
        self.init(
            eventID: try reader.string(json, "EventId"), eventName: try reader.string(json, "EventName"),
            eventTime: Date(timeIntervalSince1970: seconds), eventSource: json["EventSource"]?.stringValue,
            username: json["Username"]?.stringValue, accessKeyID: json["AccessKeyId"]?.stringValue,
            readOnly: json["ReadOnly"]?.stringValue, resources: resources,
            cloudTrailEvent: try reader.string(json, "CloudTrailEvent"))
    }
}

/// A resource an event names (`AWS::IAM::Role` and the role's ARN for AssumeRole).
public struct CloudTrailResource: Sendable, Hashable {
    public var type: String?
    public var name: String?

    public init(type: String?, name: String?) {
        self.type = type
        self.name = name
    }
}
