/// A condition operator, split into its set qualifier, base operator and `IfExists` suffix.
///
/// `ForAllValues:StringLikeIfExists` is three independent choices, and each changes how an absent
/// or multivalued context key is treated, so they are kept apart rather than as one string.
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    /// `ForAnyValue:` or `ForAllValues:`, for multivalued context keys.
    public enum Qualifier: String, Sendable, Hashable {
        case forAnyValue = "ForAnyValue"
        case forAllValues = "ForAllValues"
    }

    /// The operator families; each has its own file under `Evaluation/Conditions/`.
    public enum Family: Sendable, Hashable {
        case string, numeric, date, bool, binary, ipAddress, arn, null
    }

    /// Every base operator IAM knows.
    public enum Base: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case null = "Null"

        public var family: Family {
            switch self {
            case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase,
                .stringLike, .stringNotLike:
                .string
            case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
                .numericGreaterThan, .numericGreaterThanEquals:
                .numeric
            case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan,
                .dateGreaterThanEquals:
                .date
            case .bool: .bool
            case .binaryEquals: .binary
            case .ipAddress, .notIpAddress: .ipAddress
            case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: .arn
            case .null: .null
            }
        }

        /// Negated operators match when no policy value matches, and match an absent key.
        public var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
                .notIpAddress, .arnNotEquals, .arnNotLike:
                true
            default: false
            }
        }

        /// The positive operator a negated one inverts (`StringNotLike` → `StringLike`).
        public var positive: Base {
            switch self {
            case .stringNotEquals: .stringEquals
            case .stringNotEqualsIgnoreCase: .stringEqualsIgnoreCase
            case .stringNotLike: .stringLike
            case .numericNotEquals: .numericEquals
            case .dateNotEquals: .dateEquals
            case .notIpAddress: .ipAddress
            case .arnNotEquals: .arnEquals
            case .arnNotLike: .arnLike
            default: self
            }
        }

        static let byLowercasedName: [String: Base] = Dictionary(
            uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })
    }

    public var qualifier: Qualifier?
    public var base: Base
    public var ifExists: Bool

    public init(qualifier: Qualifier? = nil, base: Base, ifExists: Bool = false) {
        self.qualifier = qualifier
        self.base = base
        self.ifExists = ifExists
    }

    /// Parses an operator name such as `ForAnyValue:StringLikeIfExists`; nil if IAM has no such operator.
    ///
    /// Names are matched without regard to case, as IAM does for element names inside `Condition`.
    public init?(parsing text: String) {
        // Fast path for the canonical spelling; names in another case take the slow path.
        var rest = Substring(text)
        var qualifier: Qualifier? = nil
        if let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) {
            switch text[..<colon] {
            case "ForAnyValue": qualifier = .forAnyValue
            case "ForAllValues": qualifier = .forAllValues
            default:
                switch text[..<colon].lowercased() {
                case "foranyvalue": qualifier = .forAnyValue
                case "forallvalues": qualifier = .forAllValues
                default: return nil
                }
            }
            rest = text[text.utf8.index(after: colon)...]
        }
        if let base = Base(rawValue: String(rest)) {
            self.init(qualifier: qualifier, base: base)
            return
        }
        var ifExists = false
        if rest.utf8.count > 8 {
            let suffixStart = rest.utf8.index(rest.utf8.endIndex, offsetBy: -8)
            if rest[suffixStart...].lowercased() == "ifexists" {
                ifExists = true
                rest = rest[..<suffixStart]
            }
        }
        guard let base = Base(rawValue: String(rest)) ?? Base.byLowercasedName[rest.lowercased()] else { return nil }
        if base == .null && ifExists { return nil }
        self.init(qualifier: qualifier, base: base, ifExists: ifExists)
    }

    /// The canonical spelling.
    public var description: String {
        (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }
}

/// One condition test: an operator applied to one context key with its policy values (OR-ed).
public struct ConditionEntry: Sendable, Hashable {
    /// The operator exactly as written.
    public var operatorText: String
    /// The parsed operator, or nil when IAM knows no such operator.
    public var conditionOperator: ConditionOperator?
    /// The context key exactly as written (matching ignores case).
    public var key: String
    /// Policy values as strings; JSON numbers and booleans keep their literal text.
    public var values: [String]

    public init(operatorText: String, key: String, values: [String]) {
        self.operatorText = operatorText
        self.conditionOperator = ConditionOperator(parsing: operatorText)
        self.key = key
        self.values = values
    }
}
