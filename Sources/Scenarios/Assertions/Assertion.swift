public import AWSWire
import Foundation

/// One `assert` entry: a check on the value at a path of a step's response (on an error response, of
/// `{code, message, status}`).
public struct Assertion: Sendable {
    public var path: ResponsePath
    public var check: Check
    /// The entry's line in the file, which a failure names.
    public var location: SourceLocation

    public enum Check: Sendable, Hashable {
        /// Equal as JSON: numbers by value, object members in any order. A string in the response also equals a
        /// number or boolean with the same text, because query-protocol (XML) answers carry only text.
        case equals(JSONValue)
        /// The value is a string (or a number or boolean, as text) in which the regular expression finds a match;
        /// anchor it with `^…$` to match the whole value.
        case matches(String)
        /// `true`: the path leads to a value other than null; `false`: it does not.
        case exists(Bool)
        /// The value is a list with this many elements; a missing or null list counts as empty, because
        /// query-protocol answers leave empty lists out.
        case count(Int)
    }

    public init(path: ResponsePath, check: Check, location: SourceLocation) {
        self.path = path
        self.check = check
        self.location = location
    }

    /// nil when the check holds; otherwise what was expected and what the response had.
    public func evaluate(on response: JSONValue) -> AssertionFailure? {
        let found = path.evaluate(in: response)
        // A null member is as good as a missing one (`nil` in a closure here would become `JSONValue.null`).
        let actual: JSONValue? = if case .null? = found { nil } else { found }
        let holds: Bool
        let expected: String
        var actualText = actual.map(Self.render) ?? "absent"
        switch check {
        case .equals(let value):
            expected = Self.render(value)
            holds = actual.map { JSONComparison.equal($0, value) } ?? (value == .null)
        case .matches(let pattern):
            expected = "a match for /\(pattern)/"
            holds = actual.flatMap(Self.scalarText).map { Self.search(pattern, in: $0) } ?? false
        case .exists(let present):
            expected = present ? "present" : "absent"
            holds = (actual != nil) == present
        case .count(let count):
            expected = Self.elements(count)
            switch actual {
            case nil:
                holds = count == 0
                actualText = "absent (0 elements)"
            case .array(let elements)?:
                holds = elements.count == count
                actualText = Self.elements(elements.count) + ": " + actualText
            case let other?:
                holds = false
                actualText = "not a list: " + Self.render(other)
            }
        }
        if holds { return nil }
        return AssertionFailure(path: path, expected: expected, actual: actualText, location: location)
    }

    /// This assertion with the `${…}` references of its expected value or pattern filled in, ready to evaluate.
    public func substituting(_ variables: [String: JSONValue]) throws(TemplateError) -> Assertion {
        var result = self
        switch check {
        case .equals(let value): result.check = .equals(try Template.substitute(value, variables: variables))
        case .matches(let pattern): result.check = .matches(try Template.substitute(pattern, variables: variables))
        case .exists, .count: break
        }
        return result
    }

    /// Whether `pattern` compiles as an `NSRegularExpression`; the loader rejects those that do not.
    static func isValidPattern(_ pattern: String) -> Bool {
        (try? NSRegularExpression(pattern: pattern)) != nil
    }

    private static func search(_ pattern: String, in text: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .number(let number): number.text
        case .bool(let bool): bool ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    private static func elements(_ count: Int) -> String { count == 1 ? "1 element" : "\(count) elements" }

    /// Compact JSON, cut short so one huge response does not bury the report.
    private static func render(_ value: JSONValue) -> String {
        let text = JSONWriter.string(value)
        let limit = 300
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "… (\(text.count) characters)"
    }
}
