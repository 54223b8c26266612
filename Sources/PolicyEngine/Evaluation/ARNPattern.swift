/// An ARN pattern from a `Resource` element or an `Arn*` condition, matched field by field.
///
/// `arn:aws:bedrock:*::foundation-model/*` must match
/// `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`: the
/// region wildcard stays inside the region field, the empty account matches the empty account,
/// and the last field's `*` runs across `/` and `:`. Case matters throughout. A pattern with
/// fewer than six fields lets its last field cover the rest of the ARN. A class, so the evaluation
/// loop shares it rather than copying its arrays.
final class ARNPattern: Sendable {
    let template: StringTemplate
    let matchAll: Bool
    /// The pattern split into fields, when it has no policy variables.
    private let fields: [ArraySlice<Int16>]?
    private let literal: String?

    init(_ text: String, variables: Bool) {
        template = StringTemplate(text, variables: variables, wildcards: true)
        matchAll = text == "*"
        if let pattern = template.pattern {
            fields = Self.split(pattern.units)
            literal = pattern.literal
        } else {
            fields = nil
            literal = nil
        }
    }

    /// Whether the request value `text` (pre-split as `arn` when it is an ARN) matches.
    func matches(_ text: String, arn: ARN?, _ resolver: ContextResolver) -> Bool {
        if matchAll { return true }
        if let literal { return literal == text }
        let patternFields: [ArraySlice<Int16>]
        if let fields {
            patternFields = fields
        } else {
            guard let resolved = template.resolve(resolver.variable) else { return false }
            if let literal = resolved.literal { return literal == text }
            patternFields = Self.split(resolved.units)
        }
        guard let arn else {
            // Not an ARN (a bare name or "*"): compare as one string.
            let whole = Array(patternFields.joined(separator: [Int16(UInt8(ascii: ":"))]))
            return GlobPattern(units: whole).matches(text)
        }
        let last = patternFields.count - 1
        for index in 0..<last {
            if !Self.match(patternFields[index], arn.field(index)) { return false }
        }
        let remainder = last == 5 ? arn.resource : arn.text[arn.field(last).startIndex...]
        return Self.match(patternFields[last], remainder)
    }

    private static func match(_ units: ArraySlice<Int16>, _ text: Substring) -> Bool {
        var text = text
        return text.withUTF8 { GlobPattern.match(units, $0) }
    }

    /// Splits units at the first five literal colons.
    private static func split(_ units: [Int16]) -> [ArraySlice<Int16>] {
        var fields: [ArraySlice<Int16>] = []
        var start = units.startIndex
        for index in units.indices where units[index] == Int16(UInt8(ascii: ":")) && fields.count < 5 {
            fields.append(units[start..<index])
            start = index + 1
        }
        fields.append(units[start...])
        return fields
    }
}
