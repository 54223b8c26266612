/// A JSON value with object members kept in order.
///
/// Order matters twice: responses are compared byte for byte in tests and snapshots, so the encoder must
/// write members in the order given, and duplicate keys must be detectable on input. Numbers keep their
/// source text next to the `Double`, so `1736942400` and `1736942400.0` stay distinct and 64-bit integers
/// survive a round trip.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// An integer number.
    public static func int(_ value: some BinaryInteger) -> JSONValue { .number(JSONNumber(value)) }

    /// A floating-point number; NaN and infinities have no JSON form and become `null`.
    public static func double(_ value: Double) -> JSONValue {
        JSONNumber(value).map(JSONValue.number) ?? .null
    }

    /// The value of the first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var numberValue: JSONNumber? { if case .number(let n) = self { n } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: [JSONMember]? { if case .object(let o) = self { o } else { nil } }
    public var isNull: Bool { self == .null }
}

/// One object member.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON number: its text as written and its value as a `Double`.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as it appears on the wire (valid JSON number grammar).
    public let text: String
    /// The nearest `Double` (may be infinite for huge exponents on input).
    public let double: Double

    public init(_ value: some BinaryInteger) {
        text = String(value)
        double = Double(value)
    }

    /// nil for NaN and infinities. Integral values below 2^53 are written without a fraction (`1736942400`),
    /// others with Swift's shortest round-trip form (`0.2`, `1e+20`), which is valid JSON.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            text = String(Int64(value))
        } else {
            text = "\(value)"
        }
        double = value
    }

    /// A number read from JSON text already checked against the grammar.
    init(validatedText: String) {
        text = validatedText
        double = Double(validatedText) ?? .nan
    }

    /// The exact integer value, when the text is an integer that fits.
    public var int64: Int64? { Int64(text) }

    public var description: String { text }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Members in the order written in the literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { JSONMember($0.0, $0.1) })
    }
}
