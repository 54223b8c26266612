import AWSWire
import PolicyEngine
import SigV4

/// Step 7 of the pipeline: what CloudTrail records of a call (spec §8.2).
///
/// Every call of an authenticated caller is recorded, failed ones included (denials, validation errors, missing
/// resources), as AWS records them; requests that fail authentication (bad signature, unknown key, expired
/// token) are not, because AWS does not know who made them. The record is built after the response is encoded,
/// when the credentials STS minted exist, and outside the state lock.
extension Emulator {
    func recordTrail(
        _ environment: RequestEnvironment, service: Service, operation: String, trail: TrailDetails?,
        error: AWSError?
    ) {
        let identity = environment.identity
        let issued = error == nil ? environment.issued.value : nil
        var event = CloudTrailEvent(
            eventID: EventID(ids), eventTime: environment.now.secondsSince1970, visibleAt: 0,
            recipientAccountID: identity.account,
            region: service == .iam ? "us-east-1" : environment.region, eventSource: Self.eventSource(service),
            eventName: operation, readOnly: trail?.readOnly ?? Self.isReadOnly(service, operation),
            userIdentity: JSONWriter.string(Self.userIdentity(identity)), username: Self.username(identity),
            accessKeyID: identity.accessKeyID, sourceIPAddress: environment.sourceIP ?? "127.0.0.1",
            userAgent: Self.bounded(environment.userAgent ?? "", 1_024),
            requestParameters: trail?.requestParameters.map(JSONWriter.string),
            responseElements: issued.map { JSONWriter.string(Self.responseElements($0)) },
            additionalEventData: trail?.additionalEventData.map(JSONWriter.string),
            requestID: EventID(environment.requestID) ?? EventID(ids), sharedEventID: nil,
            resources: trail?.resources ?? [], host: Self.bounded(environment.host ?? "", 256),
            errorCode: error?.code.rawValue, errorMessage: error?.message)
        event.visibleAt = event.eventTime + configuration.cloudTrailLag.seconds(for: event.eventID)
        guard error == nil, let other = trail?.sharedWithAccount, other != identity.account else {
            cloudTrail.append([event])
            return
        }
        let shared = EventID(ids)
        event.sharedEventID = shared
        var copy = event
        copy.eventID = EventID(ids)
        copy.visibleAt = copy.eventTime + configuration.cloudTrailLag.seconds(for: copy.eventID)
        copy.recipientAccountID = other
        copy.userIdentity = JSONWriter.string(
            ["type": "AWSAccount", "principalId": .string(identity.userID), "accountId": .string(identity.account)])
        copy.username = nil
        copy.accessKeyID = nil
        cloudTrail.append([event, copy])
    }

    /// `eventSource`: both Bedrock planes record as `bedrock.amazonaws.com` (spec §8.2).
    static func eventSource(_ service: Service) -> String {
        switch service {
        case .sts: "sts.amazonaws.com"
        case .iam: "iam.amazonaws.com"
        case .bedrock, .bedrockRuntime: "bedrock.amazonaws.com"
        case .cloudTrail: "cloudtrail.amazonaws.com"
        }
    }

    /// STS calls are read-only events (spec §8.3); elsewhere the verbs that only read.
    static func isReadOnly(_ service: Service, _ operation: String) -> Bool {
        if service == .sts { return true }
        let readers = ["Get", "List", "Describe", "Lookup", "Simulate", "Invoke", "Converse"]
        return readers.contains { operation.hasPrefix($0) }
    }

    /// `userIdentity` by caller type (spec §8.2).
    static func userIdentity(_ identity: Identity) -> JSONValue {
        let account = identity.account
        switch identity.kind {
        case .root:
            return [
                "type": "Root", "principalId": .string(account), "arn": .string("arn:aws:iam::\(account):root"),
                "accountId": .string(account), "accessKeyId": .string(identity.accessKeyID),
            ]
        case .user(let name):
            return [
                "type": "IAMUser", "principalId": .string(identity.userID), "arn": .string(identity.caller.arn),
                "accountId": .string(account), "accessKeyId": .string(identity.accessKeyID), "userName": .string(name),
            ]
        case .session(let claims) where claims.origin == .assumeRole:
            var context: [AWSWire.JSONMember] = [
                AWSWire.JSONMember(
                    "sessionIssuer",
                    [
                        "type": "Role", "principalId": .string(claims.roleID), "arn": .string(claims.roleARN),
                        "accountId": .string(account), "userName": .string(claims.roleName),
                    ]),
                AWSWire.JSONMember("attributes", attributes(claims)),
            ]
            if let source = claims.sourceIdentity { context.append(AWSWire.JSONMember("sourceIdentity", .string(source))) }
            return [
                "type": "AssumedRole", "principalId": .string(claims.assumedRoleID), "arn": .string(claims.assumedRoleARN),
                "accountId": .string(account), "accessKeyId": .string(identity.accessKeyID),
                "sessionContext": .object(context),
            ]
        case .session(let claims):
            // GetSessionToken credentials act as the user (or root) that obtained them.
            var members: [AWSWire.JSONMember] = [
                AWSWire.JSONMember("type", claims.userName.isEmpty ? "Root" : "IAMUser"),
                AWSWire.JSONMember("principalId", .string(identity.userID)), AWSWire.JSONMember("arn", .string(identity.caller.arn)),
                AWSWire.JSONMember("accountId", .string(account)), AWSWire.JSONMember("accessKeyId", .string(identity.accessKeyID)),
            ]
            if !claims.userName.isEmpty { members.append(AWSWire.JSONMember("userName", .string(claims.userName))) }
            members.append(AWSWire.JSONMember("sessionContext", ["attributes": attributes(claims)]))
            return .object(members)
        }
    }

    private static func attributes(_ claims: SessionClaims) -> JSONValue {
        [
            "creationDate": .string(AmzDate(secondsSince1970: claims.issuedAt).iso8601()),
            "mfaAuthenticated": .string(claims.multiFactorAuthenticated ? "true" : "false"),
        ]
    }

    /// LookupEvents' `Username`: the user, the role session, or `root`.
    static func username(_ identity: Identity) -> String? {
        switch identity.kind {
        case .root: "root"
        case .user(let name): name
        case .session(let claims) where claims.origin == .assumeRole: claims.sessionName
        case .session(let claims): claims.userName.isEmpty ? "root" : claims.userName
        }
    }

    /// AssumeRole's and GetSessionToken's `responseElements`: the credentials without the secret, and the
    /// assumed-role user for a role session.
    static func responseElements(_ issued: IssuedCredentials.Issued) -> JSONValue {
        var members: [AWSWire.JSONMember] = [
            AWSWire.JSONMember(
                "credentials",
                [
                    "accessKeyId": .string(issued.accessKeyID), "sessionToken": .string(issued.sessionToken),
                    "expiration": .string(TrailDate.englishMedium(issued.expiration)),
                ])
        ]
        let claims = issued.claims
        if claims.origin == .assumeRole {
            members.append(
                AWSWire.JSONMember(
                    "assumedRoleUser",
                    ["assumedRoleId": .string(claims.assumedRoleID), "arn": .string(claims.assumedRoleARN)]))
            if let source = claims.sourceIdentity { members.append(AWSWire.JSONMember("sourceIdentity", .string(source))) }
        }
        return .object(members)
    }

    /// Header text cut to `limit` bytes (on a character boundary), so a record's size is bounded.
    private static func bounded(_ text: String, _ limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var cut = ""
        for character in text {
            if cut.utf8.count + character.utf8.count > limit { break }
            cut.append(character)
        }
        return cut
    }
}
