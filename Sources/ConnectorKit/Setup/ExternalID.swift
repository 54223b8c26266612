internal import RoleplayCrypto

/// The secret a SaaS shows on its set-up page and names in every `sts:AssumeRole` call, so that only its own
/// calls, made for this customer, satisfy the role's trust policy (the confused-deputy guard).
///
/// It must be unguessable: anyone who learns it and the role ARN can make the SaaS act on that role for them.
/// So it comes from `SecureRandom`, never from a UUID generator or a counter.
public enum ExternalID {
    /// AWS's limits on `ExternalId` (STS `AssumeRole`): 2–1224 characters.
    public static let lengthRange = 2...1224
    /// The bytes of entropy in a generated ID: 160 bits, above the 128 a secret needs.
    static let randomBytes = 20

    /// A fresh ID: 40 lowercase hexadecimal characters from 160 random bits, within AWS's pattern and length.
    /// - Throws: `SetupError(.randomness, …)` if the system's secure generator is unavailable.
    public static func generate() throws(SetupError) -> String {
        do {
            return Hex.encode(try SecureRandom.bytes(randomBytes))
        } catch {
            throw SetupError(.randomness, "the secure random generator failed: \(error)")
        }
    }

    /// Checks `value` against what `AssumeRole` accepts: 2–1224 characters of `[\w+=,.@:/-]` (ASCII letters,
    /// digits and `_+=,.@:/-`).
    public static func validate(_ value: String) throws(SetupError) {
        let count = value.unicodeScalars.count
        guard count >= lengthRange.lowerBound else {
            throw SetupError(
                .externalID,
                value.isEmpty ? "it is empty" : "\"\(value)\" is \(count) character long; AWS needs at least 2")
        }
        guard count <= lengthRange.upperBound else {
            throw SetupError(.externalID, "it is \(count) characters long; AWS accepts at most 1224")
        }
        if let bad = value.unicodeScalars.first(where: { !isAllowed($0) }) {
            throw SetupError(
                .externalID,
                "\(describe(bad)) is not allowed; use letters, digits and _ + = , . @ : / - only")
        }
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "+", "=", ",", ".", "@", ":", "/", "-": true
        default: false
        }
    }

    /// A character as a message can show it: quoted when printable, as `U+XXXX` otherwise.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F {
            return "the character U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return "the character \"\(scalar)\""
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
