import Foundation

/// `BinaryEquals`: compares base64-encoded values byte for byte.
///
/// Both the policy value and the request value are base64 text; they are decoded so that
/// equivalent encodings compare equal. A value that is not base64 is compared as written.
enum BinaryConditions {
    static func compile(_ values: [String]) -> ConditionOperand {
        .binaries(values.map(decode))
    }

    static func match(_ value: String, _ blobs: [[UInt8]?]) -> ValueMatch {
        guard let request = decode(value) else { return .unreadable }
        return blobs.contains(request) ? .match : .noMatch
    }

    static func decode(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map { Array($0) }
    }
}
