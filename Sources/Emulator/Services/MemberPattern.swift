/// The regular expressions of the STS and IAM models, matched by hand (no regex engine on the request path),
/// with the pattern text AWS quotes in its validation messages.
struct MemberPattern: Sendable {
    /// As AWS prints it.
    let text: String
    let matches: @Sendable (String) -> Bool

    /// `[\w+=,.@-]*`: session names, source identities.
    static let sessionName = MemberPattern(text: #"[\w+=,.@-]*"#) { $0.unicodeScalars.allSatisfy(isNameScalar) }
    /// `[\w+=,.@-]+`: IAM role, user and policy names.
    static let entityName = MemberPattern(text: #"[\w+=,.@-]+"#) {
        !$0.isEmpty && $0.unicodeScalars.allSatisfy(isNameScalar)
    }
    /// `[\w+=,.@:\/-]*`: External IDs.
    static let externalID = MemberPattern(text: #"[\w+=,.@:\/-]*"#) {
        $0.unicodeScalars.allSatisfy { isNameScalar($0) || $0 == ":" || $0 == "/" }
    }
    /// `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`: tag keys and values.
    static let tag = MemberPattern(text: #"[\p{L}\p{Z}\p{N}_.:/=+\-@]*"#) {
        $0.unicodeScalars.allSatisfy { scalar in
            let p = scalar.properties
            return p.isAlphabetic || p.generalCategory == .spaceSeparator || p.generalCategory == .lineSeparator
                || p.generalCategory == .paragraphSeparator || p.numericType != nil || "_.:/=+-@".unicodeScalars.contains(scalar)
        }
    }
    /// `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`: IAM paths.
    static let path = MemberPattern(text: #"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)"#) { text in
        text == "/" || (text.count >= 3 && text.hasPrefix("/") && text.hasSuffix("/")
            && text.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E })
    }
    /// `\u002F[\u0021-\u007F]*`: the `PathPrefix` of ListUsers and ListRoles.
    static let pathPrefix = MemberPattern(text: #"\u002F[\u0021-\u007F]*"#) { text in
        text.hasPrefix("/") && text.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7F }
    }
    /// `((/[A-Za-z0-9\.,\+@=_-]+)*)/`: the `PathPrefix` of ListAttachedUserPolicies and ListAttachedRolePolicies.
    static let policyPathPrefix = MemberPattern(text: #"((/[A-Za-z0-9\.,\+@=_-]+)*)/"#) { text in
        // Slash-separated non-empty segments of the listed characters, starting and ending with a slash.
        guard text.hasPrefix("/"), text.hasSuffix("/") else { return false }
        let segments = text.dropFirst().dropLast().split(separator: "/", omittingEmptySubsequences: false)
        return text == "/" || segments.allSatisfy { segment in
            !segment.isEmpty && segment.unicodeScalars.allSatisfy { s in
                (s.value < 0x80 && (Character(s).isLetter || Character(s).isNumber)) || ".,+@=_-".unicodeScalars.contains(s)
            }
        }
    }
    /// `[\u0009\u000A\u000D\u0020-\u00FF]+`: policy documents.
    static let policyDocument = MemberPattern(text: #"[\u0009\u000A\u000D\u0020-\u00FF]+"#) { text in
        !text.isEmpty && text.unicodeScalars.allSatisfy { s in
            s == "\t" || s == "\n" || s == "\r" || (s.value >= 0x20 && s.value <= 0xFF)
        }
    }
    /// `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`: descriptions.
    static let description = MemberPattern(text: #"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*"#) { text in
        text.unicodeScalars.allSatisfy { s in
            s == "\t" || s == "\n" || s == "\r" || (s.value >= 0x20 && s.value <= 0x7E) || (s.value >= 0xA1 && s.value <= 0xFF)
        }
    }

    /// `\w` (letters, digits, underscore, as Java's regex reads it: ASCII only) plus `+=,.@-`.
    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "+", "=", ",", ".", "@", "-": true
        default: false
        }
    }
}
