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
        if let authorization = request.header("Authorization") {
            return try parseHeader(authorization, request: request)
        }
        let query = QueryParameters(request.query)
        if query["X-Amz-Algorithm"] != nil || query["X-Amz-Signature"] != nil || query["X-Amz-Credential"] != nil {
            return try parseQuery(query, request: request)
        }
        throw .missingAuthentication
    }

    // MARK: Authorization header

    static func parseHeader(_ value: String, request: SigV4Request) throws(AuthFailure) -> SignatureParameters {
        let fields = AuthorizationFields(value)
        let dateHeader = request.header("X-Amz-Date") ?? request.header("Date")
        var missing: [String] = []
        if fields.credential == nil { missing.append("Authorization header requires 'Credential' parameter.") }
        if fields.signature == nil { missing.append("Authorization header requires 'Signature' parameter.") }
        if fields.signedHeaders == nil { missing.append("Authorization header requires 'SignedHeaders' parameter.") }
        if dateHeader == nil {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard missing.isEmpty, let credential = fields.credential, let signedHeaders = fields.signedHeaders,
            let signature = fields.signature, let dateHeader
        else { throw .incompleteSignature((missing + ["Authorization=\(value)"]).joined(separator: " ")) }
        guard let algorithm = SigningAlgorithm(rawValue: fields.algorithm) else {
            throw .incompleteSignature("Unsupported AWS 'algorithm': '\(fields.algorithm)'. Authorization=\(value)")
        }
        let date = try parseDate(dateHeader, isAmzDate: request.header("X-Amz-Date") != nil)
        let (accessKeyID, scope) = try parseCredential(credential, algorithm: algorithm)
        return try SignatureParameters(
            placement: .header, algorithm: algorithm, accessKeyID: accessKeyID, scope: scope,
            signedHeaders: parseSignedHeaders(signedHeaders), signature: signature, date: date,
            dateText: dateHeader, sessionToken: request.header("X-Amz-Security-Token"),
            regionSet: request.header("X-Amz-Region-Set"))
        .checked()
    }

    // MARK: Presigned query

    static func parseQuery(_ query: QueryParameters, request: SigV4Request) throws(AuthFailure) -> SignatureParameters {
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
        let (accessKeyID, scope) = try parseCredential(query["X-Amz-Credential"]!, algorithm: algorithm)
        return try SignatureParameters(
            placement: .query(expires: expires), algorithm: algorithm, accessKeyID: accessKeyID, scope: scope,
            signedHeaders: parseSignedHeaders(query["X-Amz-SignedHeaders"]!), signature: query["X-Amz-Signature"]!,
            date: date, dateText: query["X-Amz-Date"]!,
            sessionToken: query["X-Amz-Security-Token"] ?? request.header("X-Amz-Security-Token"),
            regionSet: query["X-Amz-Region-Set"] ?? request.header("X-Amz-Region-Set"))
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
    static func parseCredential(_ credential: String, algorithm: SigningAlgorithm) throws(AuthFailure)
        -> (String, CredentialScope)
    {
        let parts = ByteFields.split(credential, on: UInt8(ascii: "/"))
        switch algorithm {
        case .hmacSHA256:
            guard parts.count == 5 else {
                throw .incompleteSignature(
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(credential)'")
            }
            guard parts[4] == CredentialScope.terminator else {
                throw .signatureRejected("Credential should be scoped with a valid terminator: 'aws4_request', not '\(parts[4])'.")
            }
            return (parts[0], CredentialScope(date: parts[1], region: parts[2], service: parts[3]))
        case .ecdsaP256SHA256:
            guard parts.count == 4 else {
                throw .incompleteSignature(
                    "Credential must have exactly 4 slash-delimited elements, e.g. keyid/date/service/term, got '\(credential)'")
            }
            guard parts[3] == CredentialScope.terminator else {
                throw .signatureRejected("Credential should be scoped with a valid terminator: 'aws4_request', not '\(parts[3])'.")
            }
            return (parts[0], CredentialScope(date: parts[1], region: "", service: parts[2], algorithm: .ecdsaP256SHA256))
        }
    }

    static func parseSignedHeaders(_ text: String) -> [String] {
        var names = ByteFields.split(text, on: UInt8(ascii: ";"), lowercase: true)
        names.removeAll { $0.isEmpty }
        return names
    }

    /// Checks that hold for every placement: a non-empty key, the scope date equal to the request date,
    /// `host` signed, a SigV4a region set present.
    func checked() throws(AuthFailure) -> SignatureParameters {
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

/// The `Credential`, `SignedHeaders` and `Signature` fields of an `Authorization` value, found by scanning
/// its bytes once (`ALG Credential=…, SignedHeaders=…, Signature=…`; commas and spaces between fields are
/// optional, unknown fields are ignored, the first of a repeated field wins).
struct AuthorizationFields {
    var algorithm = ""
    var credential: String?
    var signedHeaders: String?
    var signature: String?

    init(_ value: String) {
        var text = value
        text.withUTF8 { bytes in
            func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
            func string(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            var i = 0
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            let algorithmStart = i
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ",") { i += 1 }
            algorithm = string(algorithmStart..<i)
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
                if ASCII.equals(key, "Credential") {
                    if credential == nil { credential = string(valueStart..<valueEnd) }
                } else if ASCII.equals(key, "SignedHeaders") {
                    if signedHeaders == nil { signedHeaders = string(valueStart..<valueEnd) }
                } else if ASCII.equals(key, "Signature") {
                    if signature == nil { signature = string(valueStart..<valueEnd) }
                }
            }
        }
    }
}

/// Splits text on one ASCII byte, keeping empty fields (`a//b` has three), by bytes rather than Characters;
/// `lowercase` folds each field to ASCII lowercase on the way.
enum ByteFields {
    static func split(_ text: String, on separator: UInt8, lowercase: Bool = false) -> [String] {
        var copy = text
        return copy.withUTF8 { bytes in
            var fields: [String] = []
            fields.reserveCapacity(8)
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == separator {
                let field = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if lowercase, field.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
                    fields.append(String(unsafeUninitializedCapacity: field.count) { out in
                        for k in 0..<field.count { out[k] = ASCII.lower(field[k]) }
                        return field.count
                    })
                } else {
                    fields.append(String(decoding: field, as: UTF8.self))
                }
                start = i + 1
            }
            return fields
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
