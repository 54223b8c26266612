import AWSWire
import PolicyEngine
import SigV4

/// STS's operations (spec §4): AssumeRole, GetCallerIdentity, GetSessionToken.
enum STSOperations {
    static let all: [Operation] = [assumeRole, getCallerIdentity, getSessionToken]

    /// Who am I? Needs no permission; only authentication can fail (spec §4.2).
    static let getCallerIdentity = Operation.query(
        "GetCallerIdentity",
        decode: { _ throws(AWSError) in () },
        authorize: { _, _, _ throws(AWSError) in [] },
        execute: { _, _, environment throws(AWSError) in
            let identity = environment.identity
            return .members { w in
                w.element("UserId", text: identity.userID)
                w.element("Account", text: identity.account)
                w.element("Arn", text: identity.caller.arn)
            }
        })

    struct GetSessionTokenInput: Sendable {
        var durationSeconds: Int?
        var serialNumber: String?
        var tokenCode: String?
    }

    /// Temporary credentials for the calling user (or root) itself. Needs no permission, but session
    /// credentials may not call it, and root sessions last at most an hour (AWS clamps, it does not refuse).
    /// An MFA device is taken on trust: any serial number with a 6-digit code marks the session as MFA-authenticated.
    static let getSessionToken = Operation.query(
        "GetSessionToken",
        decode: { (input: QueryInput) throws(AWSError) in
            let serial = input.string("SerialNumber", min: 9, max: 256, pattern: .serialNumber)
            let code = input.string("TokenCode", min: 6, max: 6, pattern: .digits)
            if (serial == nil) != (code == nil) {
                input.violation("SerialNumber and TokenCode must be given together")
            }
            return GetSessionTokenInput(
                durationSeconds: input.int("DurationSeconds", min: 900, max: 129_600), serialNumber: serial,
                tokenCode: code)
        },
        authorize: { _, _, environment throws(AWSError) in
            if environment.identity.session != nil {
                throw .accessDenied("Cannot call GetSessionToken with session credentials")
            }
            return []
        },
        execute: { input, _, environment throws(AWSError) in
            let identity = environment.identity
            var duration = input.durationSeconds ?? 43_200
            if case .root = identity.kind { duration = min(duration, 3_600) }
            let now = environment.now.secondsSince1970
            var claims = SessionClaims(
                origin: .getSessionToken, account: identity.account, issuedAt: now, expiration: now + Int64(duration))
            claims.userName = identity.userName ?? ""
            claims.multiFactorAuthenticated = input.serialNumber != nil
            // Minted while the result is written, outside the state lock (see AssumeRole).
            return .members { w in TemporaryCredentials.issue(claims, environment).write(to: &w) }
        })
}

extension MemberPattern {
    /// `[\w+=/:,.@-]*`: MFA serial numbers.
    static let serialNumber = MemberPattern(text: #"[\w+=/:,.@-]*"#) {
        $0.unicodeScalars.allSatisfy { isNameScalar($0) || $0 == "/" || $0 == ":" }
    }
    /// `[\d]*`: MFA token codes.
    static let digits = MemberPattern(text: #"[\d]*"#) { $0.unicodeScalars.allSatisfy { $0 >= "0" && $0 <= "9" } }
}
