/// Percent-encoding of text for query strings, form bodies and IAM's URL-encoded policy documents.
///
/// RFC 3986's unreserved characters (`A-Z a-z 0-9 - _ . ~`) stay; every other UTF-8 byte becomes `%XX`
/// (upper-case hex). The one choice is the space: a form body writes `+` (botocore's `urlencode`), while IAM's
/// documents need `%20` because boto3 decodes them with `unquote`, which leaves `+` alone.
public enum PercentEncoding {
    public enum Space: Sendable {
        /// `+`, as `application/x-www-form-urlencoded`.
        case plus
        /// `%20`.
        case percent20
    }

    public static func encode(_ text: String, space: Space) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " ") where space == .plus: out.append(UInt8(ascii: "+"))
            default: out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension QueryParameters {
    /// The parameters as a form body (`Action=AssumeRole&Version=2011-06-15&…`), in order, as botocore writes one.
    public var formEncoded: String {
        parameters.map {
            PercentEncoding.encode($0.name, space: .plus) + "=" + PercentEncoding.encode($0.value, space: .plus)
        }.joined(separator: "&")
    }
}
