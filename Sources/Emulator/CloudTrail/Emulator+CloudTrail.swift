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
    /// Records the call.
    /// - Parameter trail: what the operation said about the call; nil when decoding failed, in which case a
    ///   query-protocol call still records its parameters (AWS shows what a refused request asked for).
    func recordTrail(_ environment: RequestEnvironment, route: Route, trail: TrailDetails?, error: AWSError?) {
        let service = route.service
        let operation = route.operation
        var trail = trail
        if trail == nil, case .query(let tree) = route.parameters {
            trail = TrailDetails(requestParameters: TrailDetails.requestParameters(query: tree))
        }
        let identity = environment.identity
        let issued = error == nil ? environment.issued.value : nil
        var event = CloudTrailEvent(
            eventID: EventID(ids), eventTime: environment.now.secondsSince1970, visibleAt: 0,
            recipientAccountID: identity.account,
            region: service == .iam ? "us-east-1" : environment.region, eventSource: Self.eventSource(service),
            eventName: operation, readOnly: trail?.readOnly ?? Self.isReadOnly(service, operation),
            userIdentity: cloudTrail.identityJSON(identity, build: Self.userIdentity),
            username: Self.username(identity),
            accessKeyID: identity.accessKeyID, sourceIPAddress: environment.sourceIP ?? "127.0.0.1",
            userAgent: Self.bounded(environment.userAgent ?? "", 1_024),
            requestParameters: trail?.requestParameters.map(AWSWire.JSONWriter.string),
            responseElements: issued.map(Self.responseElements),
            additionalEventData: trail?.additionalEventData.map(AWSWire.JSONWriter.string),
            requestID: EventID(environment.requestID) ?? EventID(ids), sharedEventID: nil,
            resources: trail?.resources ?? [], host: Self.bounded(environment.host ?? "", 256),
            errorCode: error?.code.rawValue, errorMessage: error?.message)
        event.visibleAt = event.eventTime + configuration.cloudTrailLag.seconds(for: event.eventID)
        guard error == nil, let other = trail?.sharedWithAccount, other != identity.account else {
            store([event])
            return
        }
        let shared = EventID(ids)
        event.sharedEventID = shared
        var copy = event
        copy.eventID = EventID(ids)
        copy.visibleAt = copy.eventTime + configuration.cloudTrailLag.seconds(for: copy.eventID)
        copy.recipientAccountID = other
        copy.userIdentity =
            #"{"type":"AWSAccount","principalId":"# + AWSWire.JSONWriter.quoted(identity.userID) + #","accountId":"#
            + AWSWire.JSONWriter.quoted(identity.account) + "}"
        copy.username = nil
        copy.accessKeyID = nil
        store([event, copy])
    }

    /// Adds events to event history, and to the journal when state is durable (`--state-dir`).
    private func store(_ events: [CloudTrailEvent]) {
        cloudTrail.append(events)
        guard journal != nil else { return }
        journal(events: events.map { $0.journalBytes() })
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

    /// `userIdentity` by caller type (spec §8.2), as compact JSON text: written member by member, because every
    /// call builds one.
    static func userIdentity(_ identity: Identity) -> String {
        let account = AWSWire.JSONWriter.quoted(identity.account)
        let key = AWSWire.JSONWriter.quoted(identity.accessKeyID)
        var out = ""
        out.reserveCapacity(320)
        switch identity.kind {
        case .root:
            out += #"{"type":"Root","principalId":"# + account + #","arn":"#
            out += AWSWire.JSONWriter.quoted("arn:aws:iam::\(identity.account):root")
            out += #","accountId":"# + account + #","accessKeyId":"# + key + "}"
        case .user(let name):
            out += #"{"type":"IAMUser","principalId":"# + AWSWire.JSONWriter.quoted(identity.userID)
            out += #","arn":"# + AWSWire.JSONWriter.quoted(identity.caller.arn) + #","accountId":"# + account
            out += #","accessKeyId":"# + key + #","userName":"# + AWSWire.JSONWriter.quoted(name) + "}"
        case .session(let claims) where claims.origin == .assumeRole:
            out += #"{"type":"AssumedRole","principalId":"# + AWSWire.JSONWriter.quoted(claims.assumedRoleID)
            out += #","arn":"# + AWSWire.JSONWriter.quoted(claims.assumedRoleARN) + #","accountId":"# + account
            out += #","accessKeyId":"# + key + #","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"#
            out += AWSWire.JSONWriter.quoted(claims.roleID) + #","arn":"# + AWSWire.JSONWriter.quoted(claims.roleARN)
            out += #","accountId":"# + account + #","userName":"# + AWSWire.JSONWriter.quoted(claims.roleName) + "},"
            out += attributes(claims)
            if let source = claims.sourceIdentity { out += #","sourceIdentity":"# + AWSWire.JSONWriter.quoted(source) }
            out += "}}"
        case .session(let claims):
            // GetSessionToken credentials act as the user (or root) that obtained them.
            out += claims.userName.isEmpty ? #"{"type":"Root""# : #"{"type":"IAMUser""#
            out += #","principalId":"# + AWSWire.JSONWriter.quoted(identity.userID) + #","arn":"#
            out +=
                AWSWire.JSONWriter.quoted(identity.caller.arn) + #","accountId":"# + account + #","accessKeyId":"# + key
            if !claims.userName.isEmpty { out += #","userName":"# + AWSWire.JSONWriter.quoted(claims.userName) }
            out += #","sessionContext":{"# + attributes(claims) + "}}"
        }
        return out
    }

    /// `"attributes":{creationDate, mfaAuthenticated}` of a session.
    private static func attributes(_ claims: SessionClaims) -> String {
        #""attributes":{"creationDate":""# + AmzDate(secondsSince1970: claims.issuedAt).iso8601()
            + #"","mfaAuthenticated":""# + (claims.multiFactorAuthenticated ? "true" : "false") + #""}"#
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
    static func responseElements(_ issued: IssuedCredentials.Issued) -> String {
        var out = #"{"credentials":{"accessKeyId":"# + AWSWire.JSONWriter.quoted(issued.accessKeyID)
        out += #","sessionToken":"# + AWSWire.JSONWriter.quoted(issued.sessionToken)
        out += #","expiration":"# + AWSWire.JSONWriter.quoted(TrailDate.englishMedium(issued.expiration)) + "}"
        let claims = issued.claims
        if claims.origin == .assumeRole {
            out += #","assumedRoleUser":{"assumedRoleId":"# + AWSWire.JSONWriter.quoted(claims.assumedRoleID)
            out += #","arn":"# + AWSWire.JSONWriter.quoted(claims.assumedRoleARN) + "}"
            if let source = claims.sourceIdentity { out += #","sourceIdentity":"# + AWSWire.JSONWriter.quoted(source) }
        }
        return out + "}"
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
