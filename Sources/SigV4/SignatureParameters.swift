/// The signature parameters a request carries, from its `Authorization` header or its presigned query.
///
/// Parsing checks the form only (every part present, credential shape, date syntax); it never looks up a
/// key or computes a signature. Every malformed form gets AWS's own message.
public struct SignatureParameters: Sendable, Hashable {
    /// Where the signature travels.
    public enum Placement: Sendable, Hashable {
        case header
        /// A presigned URL, valid for `expires` seconds after its `X-Amz-Date`.
        case query(expires: Int)
    }

    public var placement: Placement
    public var algorithm: SigningAlgorithm
    public var accessKeyID: String
    public var scope: CredentialScope
    /// Lowercase names, in the order the client listed them.
    public var signedHeaders: [String]
    public var signature: String
    public var date: AmzDate
    /// The raw `X-Amz-Date` (or `Date`) text as sent.
    public var dateText: String
    /// `X-Amz-Security-Token`, from the header or the query.
    public var sessionToken: String?
    /// SigV4a's `X-Amz-Region-Set`.
    public var regionSet: String?

    /// Reads the signature parameters of `request`.
    /// - Throws: `AuthFailure.missingAuthentication` or `.incompleteSignature` / `.signatureRejected` with AWS's message.
    public static func parse(_ request: SigV4Request) throws(AuthFailure) -> SignatureParameters {
        try parse(request, AuthenticationHeaders(request.headers))
    }

    static func parse(_ request: SigV4Request, _ headers: AuthenticationHeaders) throws(AuthFailure) -> SignatureParameters {
        if let authorization = headers.authorization {
            return try parseHeader(authorization, headers: headers)
        }
        let query = QueryParameters(request.query)
        if query["X-Amz-Algorithm"] != nil || query["X-Amz-Signature"] != nil || query["X-Amz-Credential"] != nil {
            return try parseQuery(query, headers: headers)
        }
        throw .missingAuthentication
    }

    // MARK: Authorization header

    /// Parses `ALG Credential=…, SignedHeaders=…, Signature=…` over the value's bytes, making only the
    /// strings the result keeps.
    static func parseHeader(_ value: String, headers: AuthenticationHeaders) throws(AuthFailure) -> SignatureParameters {
        let result: Result<SignatureParameters, AuthFailure> = value.withUTF8Bytes { bytes in
            let fields = AuthorizationFields(bytes)
            let dateHeader = headers.amzDate ?? headers.date
            var missing: [String] = []
            if fields.credential == nil { missing.append("Authorization header requires 'Credential' parameter.") }
            if fields.signature == nil { missing.append("Authorization header requires 'Signature' parameter.") }
            if fields.signedHeaders == nil { missing.append("Authorization header requires 'SignedHeaders' parameter.") }
            if dateHeader == nil {
                missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
            }
            guard missing.isEmpty, let credential = fields.credential, let signedHeaders = fields.signedHeaders,
                let signature = fields.signature, let dateHeader
            else { return .failure(.incompleteSignature((missing + ["Authorization=\(value)"]).joined(separator: " "))) }
            let slice = { (r: Range<Int>) in UnsafeBufferPointer(rebasing: bytes[r]) }
            guard let algorithm = SigningAlgorithm.allCases.first(where: { ASCII.equals(slice(fields.algorithm), $0.rawValue) })
            else {
                let name = String(decoding: slice(fields.algorithm), as: UTF8.self)
                return .failure(.incompleteSignature("Unsupported AWS 'algorithm': '\(name)'. Authorization=\(value)"))
            }
            do throws(AuthFailure) {
                let date = try parseDate(dateHeader, isAmzDate: headers.amzDate != nil)
                let (accessKeyID, scope) = try parseCredential(slice(credential), algorithm: algorithm)
                return .success(
                    try SignatureParameters(
                        placement: .header, algorithm: algorithm, accessKeyID: accessKeyID, scope: scope,
                        signedHeaders: parseSignedHeaders(slice(signedHeaders)),
                        signature: String(decoding: slice(signature), as: UTF8.self), date: date, dateText: dateHeader,
                        sessionToken: headers.securityToken, regionSet: headers.regionSet
                    ).checked())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: Presigned query

    static func parseQuery(_ query: QueryParameters, headers: AuthenticationHeaders) throws(AuthFailure) -> SignatureParameters {
        let required = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"]
        let missing = required.filter { query[$0] == nil }
        if !missing.isEmpty {
            throw .incompleteSignature(
                missing.map { "AWS query-string parameters must include '\($0)'." }.joined(separator: " ")
                    + " Re-examine the query-string parameters.")
        }
        let algorithmName = query["X-Amz-Algorithm"]!
        guard let algorithm = SigningAlgorithm(rawValue: algorithmName) else {
            throw .incompleteSignature("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\" and \"AWS4-ECDSA-P256-SHA256\"")
        }
        guard let expiresText = query["X-Amz-Expires"] else {
            throw .incompleteSignature("AWS query-string parameters must include 'X-Amz-Expires'. Re-examine the query-string parameters.")
        }
        guard let expires = Int(expiresText), expires >= 0 else {
            throw .incompleteSignature("X-Amz-Expires should be a number")
        }
        guard expires <= 604_800 else {
            throw .incompleteSignature("X-Amz-Expires must be less than a week (in seconds) that is 604800")
        }
        let date = try parseDate(query["X-Amz-Date"]!, isAmzDate: true)
        var credential = query["X-Amz-Credential"]!
        var signedHeaders = query["X-Amz-SignedHeaders"]!
        let (accessKeyID, scope) = try credential.withUTF8 { bytes in Result { () throws(AuthFailure) in
            try parseCredential(bytes, algorithm: algorithm) } }.get()
        return try SignatureParameters(
            placement: .query(expires: expires), algorithm: algorithm, accessKeyID: accessKeyID, scope: scope,
            signedHeaders: signedHeaders.withUTF8(parseSignedHeaders), signature: query["X-Amz-Signature"]!,
            date: date, dateText: query["X-Amz-Date"]!,
            sessionToken: query["X-Amz-Security-Token"] ?? headers.securityToken,
            regionSet: query["X-Amz-Region-Set"] ?? headers.regionSet)
        .checked()
    }

    // MARK: Parts

    static func parseDate(_ text: String, isAmzDate: Bool) throws(AuthFailure) -> AmzDate {
        if isAmzDate {
            guard let d = AmzDate(amzFormat: text) else {
                throw .incompleteSignature(
                    "Date must be in ISO-8601 'basic format'. Got '\(text)'. See http://en.wikipedia.org/wiki/ISO_8601")
            }
            return d
        }
        guard let d = AmzDate(httpDate: text) else {
            throw .incompleteSignature("Date header must be in RFC 1123 format. Got '\(text)'.")
        }
        return d
    }

    /// `AKID/date/region/service/aws4_request` (SigV4) or `AKID/date/service/aws4_request` (SigV4a).
    static func parseCredential(_ bytes: UnsafeBufferPointer<UInt8>, algorithm: SigningAlgorithm) throws(AuthFailure)
        -> (String, CredentialScope)
    {
        // The ranges of at most six slash-separated parts, inline (no allocation); a seventh only makes the
        // count wrong, which is reported.
        var parts = InlineArray<6, Range<Int>>(repeating: 0..<0)
        var partCount = 0
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "/") {
            if partCount < 6 { parts[partCount] = start..<i }
            partCount += 1
            start = i + 1
        }
        let range = { (i: Int) in parts[i] }
        let part = { (i: Int) in String(decoding: UnsafeBufferPointer(rebasing: bytes[range(i)]), as: UTF8.self) }
        let text = { String(decoding: bytes, as: UTF8.self) }
        let expected = algorithm == .hmacSHA256 ? 5 : 4
        guard partCount == expected else {
            let example = algorithm == .hmacSHA256 ? "keyid/date/region/service/term" : "keyid/date/service/term"
            throw .incompleteSignature(
                "Credential must have exactly \(expected) slash-delimited elements, e.g. \(example), got '\(text())'")
        }
        guard ASCII.equals(UnsafeBufferPointer(rebasing: bytes[range(expected - 1)]), CredentialScope.terminator) else {
            throw .signatureRejected(
                "Credential should be scoped with a valid terminator: 'aws4_request', not '\(part(expected - 1))'.")
        }
        switch algorithm {
        case .hmacSHA256: return (part(0), CredentialScope(date: part(1), region: part(2), service: part(3)))
        case .ecdsaP256SHA256:
            return (part(0), CredentialScope(date: part(1), region: "", service: part(2), algorithm: .ecdsaP256SHA256))
        }
    }

    /// `SignedHeaders`: names split on `;`, lowercased, empty ones dropped.
    static func parseSignedHeaders(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var names: [String] = []
        names.reserveCapacity(8)
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: ";") {
            let field = UnsafeBufferPointer(rebasing: bytes[start..<i])
            start = i + 1
            guard !field.isEmpty else { continue }
            names.append(String(unsafeUninitializedCapacity: field.count) { out in
                for k in 0..<field.count { out[k] = ASCII.lower(field[k]) }
                return field.count
            })
        }
        return names
    }

    /// Checks that hold for every placement: a non-empty key, the scope date equal to the request date,
    /// `host` signed, a SigV4a region set present.
    consuming func checked() throws(AuthFailure) -> SignatureParameters {
        guard !accessKeyID.isEmpty else { throw .incompleteSignature("Credential must include an access key ID.") }
        let requestDay = date.dateStamp
        guard scope.date == requestDay else {
            throw .signatureRejected(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                    + "'\(scope.date)' != '\(requestDay)', from '\(dateText)'.")
        }
        guard signedHeaders.contains("host") || signedHeaders.contains(":authority") else {
            throw .signatureRejected("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        }
        if algorithm == .ecdsaP256SHA256, regionSet == nil {
            throw .incompleteSignature("SigV4a requests require the 'X-Amz-Region-Set' header or query parameter.")
        }
        return self
    }
}

/// The `Credential`, `SignedHeaders` and `Signature` fields of an `Authorization` value, as byte ranges
/// found by scanning it once (`ALG Credential=…, SignedHeaders=…, Signature=…`; commas and spaces between
/// fields are optional, unknown fields are ignored, the first of a repeated field wins).
struct AuthorizationFields {
    var algorithm = 0..<0
    var credential: Range<Int>?
    var signedHeaders: Range<Int>?
    var signature: Range<Int>?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        var i = 0
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        let algorithmStart = i
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ",") { i += 1 }
        algorithm = algorithmStart..<i
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: ",") { i += 1 }
            let keyStart = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ",") { i += 1 }
            let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<i])
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { continue }
            i += 1
            let valueStart = i
            while i < bytes.count, bytes[i] != UInt8(ascii: ",") { i += 1 }
            var valueEnd = i
            while valueEnd > valueStart, isSpace(bytes[valueEnd - 1]) { valueEnd -= 1 }
            if credential == nil, ASCII.equals(key, "Credential") {
                credential = valueStart..<valueEnd
            } else if signedHeaders == nil, ASCII.equals(key, "SignedHeaders") {
                signedHeaders = valueStart..<valueEnd
            } else if signature == nil, ASCII.equals(key, "Signature") {
                signature = valueStart..<valueEnd
            }
        }
    }
}

/// The headers authentication reads, found in one pass over the request's headers (first value wins, names
/// compared case-insensitively) instead of one scan per name.
struct AuthenticationHeaders {
    var authorization: String?
    var amzDate: String?
    var date: String?
    var securityToken: String?
    var regionSet: String?
    var contentSHA256: String?

    init(_ headers: [HTTPHeader]) {
        for h in headers {
            switch h.name.utf8.count {
            case 4: if date == nil, ASCII.equalsIgnoringCase(h.name, "date") { date = h.value }
            case 10: if amzDate == nil, ASCII.equalsIgnoringCase(h.name, "x-amz-date") { amzDate = h.value }
            case 13: if authorization == nil, ASCII.equalsIgnoringCase(h.name, "authorization") { authorization = h.value }
            case 16: if regionSet == nil, ASCII.equalsIgnoringCase(h.name, "x-amz-region-set") { regionSet = h.value }
            case 20:
                if securityToken == nil, ASCII.equalsIgnoringCase(h.name, "x-amz-security-token") {
                    securityToken = h.value
                } else if contentSHA256 == nil, ASCII.equalsIgnoringCase(h.name, "x-amz-content-sha256") {
                    contentSHA256 = h.value
                }
            default: continue
            }
        }
    }
}

/// The decoded parameters of a raw query string, first value wins; enough to read the `X-Amz-*` ones.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ query: String) {
        for piece in query.utf8.split(separator: UInt8(ascii: "&")) {
            let eq = piece.firstIndex(of: UInt8(ascii: "="))
            let key = String(decoding: URIEncoding.decode(eq.map { piece[piece.startIndex..<$0] } ?? piece[...]), as: UTF8.self)
            let value = String(
                decoding: URIEncoding.decode(eq.map { piece[piece.index(after: $0)...] } ?? piece[piece.endIndex...]),
                as: UTF8.self)
            if values[key] == nil { values[key] = value }
        }
    }

    subscript(key: String) -> String? { values[key] }
}
