/// Character-set and size checks, counted the way IAM and STS count.
///
/// IAM documents may hold only tab, line feed, carriage return and U+0020–U+00FF (the model's
/// pattern for every policy document parameter). IAM quotas ignore white space; STS limits a
/// session policy's plain text including white space.
extension PolicyValidator {
    /// The request parameter each kind of document travels in, as IAM names it in validation errors.
    var memberName: String {
        switch kind {
        case .trust: "assumeRolePolicyDocument"
        case .session: "policy"
        case .identity, .managed, .resource: "policyDocument"
        }
    }

    func checkCharacters(_ text: String, into diagnostics: inout [Diagnostic]) {
        // In UTF-8, U+0080–U+00FF are exactly the sequences led by 0xC2 or 0xC3, so one pass
        // over the bytes decides without decoding.
        var copy = text
        let bad: Int? = copy.withUTF8 { bytes in
            var position = 0
            for byte in bytes {
                if byte & 0xC0 == 0x80 { continue }  // continuation byte of an accepted sequence
                if !(byte >= 0x20 && byte < 0x80) && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0xC2
                    && byte != 0xC3
                {
                    return position
                }
                position += 1
            }
            return nil
        }
        guard let position = bad else { return }
        let scalars = text.unicodeScalars
        let scalar = scalars[scalars.index(scalars.startIndex, offsetBy: position)]
        diagnostics.append(
            .init(
                .validationError, IAMMessages.characters(member: memberName, value: text),
                detail: "character U+\(String(scalar.value, radix: 16, uppercase: true)) at position \(position) is "
                    + "outside tab, LF, CR and U+0020–U+00FF", stage: .characters))
    }

    func checkSize(_ text: String, into diagnostics: inout [Diagnostic]) {
        let counted = kind == .session ? text.unicodeScalars.count : Self.nonWhitespaceCount(text)
        if let (code, message) = sizeErrorIfOver(counted, text: text) {
            diagnostics.append(
                .init(
                    code, message,
                    detail: "\(counted) \(kind == .session ? "" : "non-white-space ")characters", stage: .size))
        }
    }

    /// The quota error for a document too large even to scan (its text is not quoted).
    func sizeError(size: Int) -> (Diagnostic.Code, String) {
        sizeErrorIfOver(Int.max, text: "(\(size) bytes)") ?? (.malformedPolicyDocument, IAMMessages.syntaxErrors)
    }

    private func sizeErrorIfOver(_ count: Int, text: String) -> (Diagnostic.Code, String)? {
        let limits = options.limits
        switch kind {
        case .trust:
            return count > limits.trustPolicy ? (.limitExceeded, IAMMessages.trustTooLarge(limits.trustPolicy)) : nil
        case .managed:
            return count > limits.managedPolicy
                ? (.limitExceeded, IAMMessages.managedTooLarge(limits.managedPolicy)) : nil
        case .resource:
            return count > limits.resourcePolicy
                ? (.malformedPolicyDocument, IAMMessages.resourceTooLarge(limits.resourcePolicy)) : nil
        case .session:
            guard count > limits.sessionPolicy else { return nil }
            return (.validationError, IAMMessages.sessionTooLong(text, limits.sessionPolicy))
        case .identity:
            let quota = limits.inlineQuota(for: options.inlineEntity)
            return count > quota.limit ? (.limitExceeded, quota.message) : nil
        }
    }

    /// Characters (Unicode scalars) other than space, tab, line feed and carriage return, counted
    /// over UTF-8 without decoding: every byte that does not continue a sequence starts a scalar.
    /// Package-visible for IAM's aggregate inline quota, which sums this count over an entity's documents.
    package static func nonWhitespaceCount(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { bytes in
            var count = 0
            for byte in bytes {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D, 0x80...0xBF: continue
                default: count += 1
                }
            }
            return count
        }
    }
}

extension PolicySizeLimits {
    /// The aggregate inline quota of `entity` and IAM's `LimitExceeded` message for exceeding it. One
    /// document over the quota is refused by the validator; the emulator checks the sum of an entity's
    /// documents against the same quota, with the same message.
    package func inlineQuota(for entity: InlinePolicyEntity) -> (limit: Int, message: String) {
        let (limit, kind, name): (Int, String, String) =
            switch entity {
            case .role(let name): (inlineRolePolicies, "role", name)
            case .user(let name): (inlineUserPolicies, "user", name)
            case .group(let name): (inlineGroupPolicies, "group", name)
            }
        return (limit, IAMMessages.inlineTooLarge(limit, entity: kind, name: name))
    }
}
