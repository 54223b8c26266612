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
        violation(value, at: "#").map {
            .validationException("Malformed input request: \($0), please reformat your input and try again.")
        }
    }

    /// The first violation, as `path: text`.
    func violation(_ value: JSONValue, at path: String) -> String? {
        switch (self, value) {
        case (.any, _): return nil
        case (.object(let properties, let required, let open), .object(let members)):
            if !open, let extra = members.first(where: { member in !properties.contains { $0.0 == member.key } }) {
                return "\(path): extraneous key [\(extra.key)] is not permitted"
            }
            if let missing = required.first(where: { key in !members.contains { $0.key == key } }) {
                return "\(path): required key [\(missing)] not found"
            }
            for member in members {
                guard let schema = properties.first(where: { $0.0 == member.key })?.1 else { continue }
                if let found = schema.violation(member.value, at: path + "/" + member.key) { return found }
            }
            return nil
        case (.array(let items, let minItems), .array(let elements)):
            if elements.count < minItems {
                return "\(path): expected minimum item count: \(minItems), found: \(elements.count)"
            }
            for (index, element) in elements.enumerated() {
                if let found = items.violation(element, at: "\(path)/\(index)") { return found }
            }
            return nil
        case (.string(let allowed), .string(let text)):
            if let allowed, !allowed.contains(text) { return "\(path): \(text) is not a valid enum value" }
            return nil
        case (.integer(let minimum), .number(let number)):
            guard let integer = number.int64 else { return "\(path): expected type: Integer, found: Number" }
            if let minimum, integer < minimum { return "\(path): \(number.text) is not greater or equal to \(minimum)" }
            return nil
        case (.number(let minimum, let maximum), .number(let number)):
            if let minimum, number.double < minimum {
                return "\(path): \(number.text) is not greater or equal to \(JSONNumber(minimum).map(\.text) ?? "")"
            }
            if let maximum, number.double > maximum {
                return "\(path): \(number.text) is not less or equal to \(JSONNumber(maximum).map(\.text) ?? "")"
            }
            return nil
        case (.boolean, .bool): return nil
        case (.either(let first, let second), _):
            if first.violation(value, at: path) == nil || second.violation(value, at: path) == nil { return nil }
            return "\(path): #: no subschema matched out of the total 2 subschemas"
        default:
            return "\(path): expected type: \(expectedName), found: \(Self.typeName(value))"
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
