/// The parameters of an `application/x-www-form-urlencoded` body or a URL query string, decoded and in order.
///
/// Order and repeats are kept exactly as sent: SigV4 canonicalization and the presigned-URL path need the
/// raw list, and rejecting a repeated `Action` is the caller's decision, not the parser's.
public struct QueryParameters: Sendable, Hashable {
    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Bounds on untrusted input; a violation is an error, never a truncation.
    public struct Limits: Sendable, Hashable {
        public var maxParameters: Int
        public var maxNameBytes: Int
        public var maxValueBytes: Int

        /// 1000 parameters, names up to 256 bytes, values up to 1 MiB (IAM policy documents are at most
        /// 131,072 characters before encoding).
        public static let `default` = Limits(maxParameters: 1000, maxNameBytes: 256, maxValueBytes: 1 << 20)

        public init(maxParameters: Int, maxNameBytes: Int, maxValueBytes: Int) {
            self.maxParameters = maxParameters
            self.maxNameBytes = maxNameBytes
            self.maxValueBytes = maxValueBytes
        }
    }

    public var parameters: [Parameter]

    public init(_ parameters: [Parameter] = []) { self.parameters = parameters }

    /// Decodes `a=1&b=x+y&c=%E2%9C%93`: pairs split on `&`, name from value on the first `=`, `+` → space,
    /// then `%XX` → byte, then the bytes must be UTF-8. Empty pairs (`a=1&&b=2`) are skipped; a pair without
    /// `=` is a name with an empty value, as botocore and browsers do.
    /// - Throws: `QueryDecodingError` for a bad escape (`%G1`, `%4`), invalid UTF-8, or a broken limit.
    public init(decoding encoded: some Collection<UInt8>, limits: Limits = .default) throws(QueryDecodingError) {
        let bytes = Array(encoded)
        // Decoded over a buffer, not the generic collection: every query request goes through here, and the
        // generic form is not specialized across modules.
        let result: Result<[Parameter], QueryDecodingError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(QueryDecodingError) {
                return .success(try QueryParameters.decode(buffer, limits: limits))
            } catch {
                return .failure(error)
            }
        }
        parameters = try result.get()
    }

    private static func decode(_ encoded: UnsafeBufferPointer<UInt8>, limits: Limits) throws(QueryDecodingError)
        -> [Parameter]
    {
        var result: [Parameter] = []
        var start = 0
        let end = encoded.count
        while start < end {
            var stop = start
            while stop < end && encoded[stop] != UInt8(ascii: "&") { stop += 1 }
            let pair = UnsafeBufferPointer(rebasing: encoded[start..<stop])
            start = stop + 1
            if pair.isEmpty { continue }
            guard result.count < limits.maxParameters else { throw QueryDecodingError(.tooManyParameters) }
            var equals = 0
            while equals < pair.count && pair[equals] != UInt8(ascii: "=") { equals += 1 }
            let rawName = UnsafeBufferPointer(rebasing: pair[0..<equals])
            let rawValue = equals < pair.count ? UnsafeBufferPointer(rebasing: pair[(equals + 1)...]) : UnsafeBufferPointer(rebasing: pair[pair.count...])
            guard rawName.count <= limits.maxNameBytes * 3 else { throw QueryDecodingError(.keyTooLong) }
            let name = try percentDecode(rawName, parameter: nil)
            guard name.utf8.count <= limits.maxNameBytes else { throw QueryDecodingError(.keyTooLong, parameter: name) }
            guard rawValue.count <= limits.maxValueBytes * 3 else {
                throw QueryDecodingError(.valueTooLong, parameter: name)
            }
            let value = try percentDecode(rawValue, parameter: name)
            guard value.utf8.count <= limits.maxValueBytes else {
                throw QueryDecodingError(.valueTooLong, parameter: name)
            }
            result.append(Parameter(name, value))
        }
        return result
    }

    /// Decodes a query string or form body given as text.
    public init(decoding encoded: String, limits: Limits = .default) throws(QueryDecodingError) {
        try self.init(decoding: Array(encoded.utf8), limits: limits)
    }

    /// The value of the first parameter with this exact (case-sensitive) name.
    public subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// Every value given for this name, in order.
    public func values(_ name: String) -> [String] {
        parameters.filter { $0.name == name }.map(\.value)
    }

    /// `+` → space, `%XX` → byte (either hex case), then strict UTF-8.
    static func percentDecode(_ raw: some Collection<UInt8>, parameter: String?) throws(QueryDecodingError) -> String {
        try Array(raw).withUnsafeBufferPointer { (buffer) throws(QueryDecodingError) -> String in
            try percentDecode(buffer, parameter: parameter)
        }
    }

    static func percentDecode(_ raw: UnsafeBufferPointer<UInt8>, parameter: String?) throws(QueryDecodingError) -> String {
        // Most names and many values need no decoding at all (`Action`, `RoleSessionName=bench`).
        if !raw.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) {
            guard let text = strictUTF8(raw) else { throw QueryDecodingError(.invalidUTF8, parameter: parameter) }
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i != raw.endIndex {
            let byte = raw[i]
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
                i = raw.index(after: i)
            } else if byte == UInt8(ascii: "%") {
                let h = raw.index(after: i)
                guard h != raw.endIndex, let high = hexValue(raw[h]) else {
                    throw QueryDecodingError(.malformedPercentEscape, parameter: parameter)
                }
                let l = raw.index(after: h)
                guard l != raw.endIndex, let low = hexValue(raw[l]) else {
                    throw QueryDecodingError(.malformedPercentEscape, parameter: parameter)
                }
                bytes.append(high << 4 | low)
                i = raw.index(after: l)
            } else {
                bytes.append(byte)
                i = raw.index(after: i)
            }
        }
        guard let text = bytes.withUnsafeBufferPointer(strictUTF8) else {
            throw QueryDecodingError(.invalidUTF8, parameter: parameter)
        }
        return text
    }

    /// The text of `bytes`, or nil when they are not UTF-8. ASCII, nearly every name and value, is UTF-8 as it
    /// stands and is copied without the generic validator, which costs more than the rest of the decoding.
    private static func strictUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}
