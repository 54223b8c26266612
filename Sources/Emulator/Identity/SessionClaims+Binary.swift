/// The claims' binary layout inside a token: fixed fields, then length-prefixed strings, in a fixed order.
/// Private to the codec; a token is only ever read by the emulator that wrote it.
enum ClaimsWriter {
    static func write(_ c: SessionClaims, into out: inout [UInt8]) {
        out.append(c.origin.rawValue)
        out.append(c.multiFactorAuthenticated ? 1 : 0)
        int64(c.issuedAt, &out)
        int64(c.expiration, &out)
        for text in [c.account, c.roleName, c.rolePath, c.roleID, c.sessionName, c.userName] { string(text, &out) }
        optional(c.sourceIdentity, &out)
        optional(c.sessionPolicy, &out)
        strings(c.sessionPolicyARNs, &out)
        strings(c.tags.map(\.key), &out)
        strings(c.tags.map(\.value), &out)
        strings(c.transitiveTagKeys, &out)
    }

    private static func int64(_ value: Int64, _ out: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> Int64(shift))) }
    }

    private static func string(_ text: String, _ out: inout [UInt8]) {
        let bytes = Array(text.utf8)
        int64(Int64(bytes.count), &out)
        out += bytes
    }

    private static func optional(_ text: String?, _ out: inout [UInt8]) {
        out.append(text == nil ? 0 : 1)
        if let text { string(text, &out) }
    }

    private static func strings(_ list: [String], _ out: inout [UInt8]) {
        int64(Int64(list.count), &out)
        for text in list { string(text, &out) }
    }
}

/// Reads what `ClaimsWriter` wrote; nil on any inconsistency (a token that passed its MAC check is always
/// well formed, but the reader does not rely on that).
struct ClaimsReader {
    let bytes: [UInt8]
    var position: Int

    mutating func readClaims() -> SessionClaims? {
        guard let originByte = byte(), let origin = SessionClaims.Origin(rawValue: originByte), let mfa = byte(),
            let issuedAt = int64(), let expiration = int64(), let account = string(), let roleName = string(),
            let rolePath = string(), let roleID = string(), let sessionName = string(), let userName = string(),
            let sourceIdentity = optional(), let sessionPolicy = optional(), let arns = strings(),
            let keys = strings(), let values = strings(), keys.count == values.count,
            let transitive = strings(), position == bytes.count
        else { return nil }
        var claims = SessionClaims(origin: origin, account: account, issuedAt: issuedAt, expiration: expiration)
        claims.multiFactorAuthenticated = mfa == 1
        claims.roleName = roleName
        claims.rolePath = rolePath
        claims.roleID = roleID
        claims.sessionName = sessionName
        claims.userName = userName
        claims.sourceIdentity = sourceIdentity ?? nil
        claims.sessionPolicy = sessionPolicy ?? nil
        claims.sessionPolicyARNs = arns
        claims.tags = zip(keys, values).map { Tag(key: $0, value: $1) }
        claims.transitiveTagKeys = transitive
        return claims
    }

    private mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func int64() -> Int64? {
        guard bytes.count - position >= 8 else { return nil }
        var value: Int64 = 0
        for _ in 0..<8 { value = value << 8 | Int64(bytes[position]); position += 1 }
        return value
    }

    private mutating func string() -> String? {
        guard let count = int64(), count >= 0, count <= bytes.count - position else { return nil }
        let start = position
        position += Int(count)
        return String(validating: bytes[start..<position], as: UTF8.self)
    }

    /// `.some(nil)` for an absent value, nil for a malformed one.
    private mutating func optional() -> String?? {
        guard let flag = byte() else { return nil }
        if flag == 0 { return .some(nil) }
        guard flag == 1, let text = string() else { return nil }
        return .some(text)
    }

    private mutating func strings() -> [String]? {
        guard let count = int64(), count >= 0, count <= bytes.count - position else { return nil }
        var list: [String] = []
        for _ in 0..<count {
            guard let text = string() else { return nil }
            list.append(text)
        }
        return list
    }
}
