/// An Amazon Resource Name split into its six fields.
///
/// `arn:partition:service:region:account:resource` — the resource field keeps any further
/// colons and slashes (`log-group:name:*`, `foundation-model/anthropic.claude…`). Fields may be
/// empty: a Bedrock foundation model has no account, an S3 bucket has no region or account.
package struct ARN: Sendable, Hashable, CustomStringConvertible {
    package let text: String
    package let partition: Substring
    package let service: Substring
    package let region: Substring
    package let account: Substring
    package let resource: Substring

    /// Splits `text`; nil unless it starts with `arn:` and has at least five colons.
    package init?(_ text: String) {
        let utf8 = text.utf8
        guard utf8.starts(with: "arn:".utf8) else { return nil }
        /// The next colon at or after `start`.
        func colon(from start: String.Index) -> String.Index? {
            var index = start
            while index < utf8.endIndex {
                if utf8[index] == UInt8(ascii: ":") { return index }
                index = utf8.index(after: index)
            }
            return nil
        }
        func after(_ index: String.Index) -> String.Index { utf8.index(after: index) }
        guard let c0 = colon(from: utf8.startIndex), let c1 = colon(from: after(c0)), let c2 = colon(from: after(c1)),
            let c3 = colon(from: after(c2)), let c4 = colon(from: after(c3))
        else { return nil }
        self.text = text
        partition = text[after(c0)..<c1]
        service = text[after(c1)..<c2]
        region = text[after(c2)..<c3]
        account = text[after(c3)..<c4]
        resource = text[after(c4)...]
    }

    /// The six fields in order, `arn` first.
    package var fields: [Substring] { (0..<6).map(field) }

    /// Field `index` (0 is `arn`, 5 the resource), without building an array.
    @inline(__always)
    package func field(_ index: Int) -> Substring {
        switch index {
        case 0: text[text.startIndex..<partition.startIndex].dropLast()
        case 1: partition
        case 2: service
        case 3: region
        case 4: account
        default: resource
        }
    }

    package var description: String { text }
}
