/// The claims' binary layout inside a token: fixed fields, then length-prefixed strings, in a fixed order
/// (`BinaryWriter`'s layout). Private to the codec; a token is only ever read by the emulator that wrote it.
extension SessionClaims {
    func write(to out: inout BinaryWriter) {
        out.byte(origin.rawValue)
        out.bool(multiFactorAuthenticated)
        out.int64(issuedAt)
        out.int64(expiration)
        for text in [account, roleName, rolePath, roleID, sessionName, userName] { out.string(text) }
        out.optional(sourceIdentity)
        out.optional(sessionPolicy)
        out.strings(sessionPolicyARNs)
        out.strings(tags.map(\.key))
        out.strings(tags.map(\.value))
        out.strings(transitiveTagKeys)
    }

    /// Reads what `write(to:)` wrote, to the last byte; nil on any inconsistency (a token that passed its MAC
    /// check is always well formed, but the reader does not rely on that).
    init?(reading reader: inout BinaryReader) {
        guard let originByte = reader.byte(), let origin = Origin(rawValue: originByte),
            let mfa = reader.bool(), let issuedAt = reader.int64(), let expiration = reader.int64(),
            let account = reader.string(), let roleName = reader.string(), let rolePath = reader.string(),
            let roleID = reader.string(), let sessionName = reader.string(), let userName = reader.string(),
            let sourceIdentity = reader.optional(), let sessionPolicy = reader.optional(),
            let arns = reader.strings(), let keys = reader.strings(), let values = reader.strings(),
            keys.count == values.count, let transitive = reader.strings(), reader.isAtEnd
        else { return nil }
        self.init(origin: origin, account: account, issuedAt: issuedAt, expiration: expiration)
        multiFactorAuthenticated = mfa
        self.roleName = roleName
        self.rolePath = rolePath
        self.roleID = roleID
        self.sessionName = sessionName
        self.userName = userName
        self.sourceIdentity = sourceIdentity ?? nil
        self.sessionPolicy = sessionPolicy ?? nil
        sessionPolicyARNs = arns
        tags = zip(keys, values).map { Tag(key: $0, value: $1) }
        transitiveTagKeys = transitive
    }
}
