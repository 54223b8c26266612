import AWSWire

/// The JSON schema a model family's native InvokeModel body must satisfy, checked the way Bedrock checks it:
/// the first violation becomes `Malformed input request: #/path: …, please reformat your input and try
/// again.` (spec §7.1), with the JSON-schema validator's wording (`required key [x] not found`, `extraneous
/// key [x] is not permitted`, `expected type: Integer, found: String`).
indirect enum NativeSchema: Sendable {
    /// An object; `properties` in declaration order; unknown keys are refused unless `open`.
    case object([(String, NativeSchema)], required: [String] = [], open: Bool = false)
    case array(NativeSchema, minItems: Int = 0)
    /// A string, limited to `allowed` when given.
    case string(allowed: [String]? = nil)
    case integer(minimum: Int? = nil)
    case number(minimum: Double? = nil, maximum: Double? = nil)
    case boolean
    /// Any JSON value.
    case any
    /// One of the schemas (a string or an array of blocks).
    case either(NativeSchema, NativeSchema)

    /// The `ValidationException` for the first violation in `value`, or nil when it conforms.
    func check(_ value: JSONValue) -> AWSError? {
        violation(value).map {
            let path = (["#"] + $0.path).joined(separator: "/")
            return .validationException(
                "Malformed input request: \(path): \($0.text), please reformat your input and try again.")
        }
    }

    /// A violation: where (the keys and indexes from the checked value down to it) and what.
    ///
    /// The path is collected on the way back up, only for a body that fails: building it on the way down cost a
    /// string per member of every valid body.
    struct Violation {
        var path: [String] = []
        var text: String

        init(_ text: String) { self.text = text }

        func below(_ key: String) -> Violation {
            var outer = self
            outer.path.insert(key, at: 0)
            return outer
        }
    }

    /// The first violation in `value`.
    func violation(_ value: JSONValue) -> Violation? {
        switch (self, value) {
        case (.any, _): return nil
        case (.object(let properties, let required, let open), .object(let members)):
            if !open, let extra = members.first(where: { member in !properties.contains { $0.0 == member.key } }) {
                return Violation("extraneous key [\(extra.key)] is not permitted")
            }
            if let missing = required.first(where: { key in !members.contains { $0.key == key } }) {
                return Violation("required key [\(missing)] not found")
            }
            for member in members {
                guard let schema = properties.first(where: { $0.0 == member.key })?.1 else { continue }
                if let found = schema.violation(member.value) { return found.below(member.key) }
            }
            return nil
        case (.array(let items, let minItems), .array(let elements)):
            if elements.count < minItems {
                return Violation("expected minimum item count: \(minItems), found: \(elements.count)")
            }
            for (index, element) in elements.enumerated() {
                if let found = items.violation(element) { return found.below(String(index)) }
            }
            return nil
        case (.string(let allowed), .string(let text)):
            if let allowed, !allowed.contains(text) { return Violation("\(text) is not a valid enum value") }
            return nil
        case (.integer(let minimum), .number(let number)):
            guard let integer = number.int64 else { return Violation("expected type: Integer, found: Number") }
            if let minimum, integer < minimum { return Violation("\(number.text) is not greater or equal to \(minimum)") }
            return nil
        case (.number(let minimum, let maximum), .number(let number)):
            if let minimum, number.double < minimum {
                return Violation("\(number.text) is not greater or equal to \(JSONNumber(minimum).map(\.text) ?? "")")
            }
            if let maximum, number.double > maximum {
                return Violation("\(number.text) is not less or equal to \(JSONNumber(maximum).map(\.text) ?? "")")
            }
            return nil
        case (.boolean, .bool): return nil
        case (.either(let first, let second), _):
            if first.violation(value) == nil || second.violation(value) == nil { return nil }
            return Violation("#: no subschema matched out of the total 2 subschemas")
        default:
            return Violation("expected type: \(expectedName), found: \(Self.typeName(value))")
        }
    }

    private var expectedName: String {
        switch self {
        case .object: "JSONObject"
        case .array: "JSONArray"
        case .string: "String"
        case .integer: "Integer"
        case .number: "Number"
        case .boolean: "Boolean"
        case .any, .either: "Object"
        }
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "Null"
        case .bool: "Boolean"
        case .number(let n): n.int64 == nil ? "BigDecimal" : "Integer"
        case .string: "String"
        case .array: "JSONArray"
        case .object: "JSONObject"
        }
    }
}
