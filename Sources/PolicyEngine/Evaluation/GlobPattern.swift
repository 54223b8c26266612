/// A pattern with IAM's two wildcards, `*` (any run, possibly empty) and `?` (one character),
/// matched by hand over UTF-8.
///
/// Policy text is attacker-controlled in an emulator that accepts any CreateRole, so no regular
/// expression is ever built from it: this matcher is a linear scan with a single backtracking
/// point (the last `*`), so it runs in O(pattern × text) at worst and never allocates.
package struct GlobPattern: Sendable, Hashable {
    /// Literal bytes 0...255, or `star` / `question`.
    package let units: [Int16]
    /// The pattern as a plain string when it holds no wildcard, for a direct comparison.
    package let literal: String?

    package static let star: Int16 = -1
    package static let question: Int16 = -2

    /// Compiles `text`, reading `*` and `?` as wildcards.
    package init(_ text: String) {
        var units: [Int16] = []
        units.reserveCapacity(text.utf8.count)
        var wild = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "*"):
                units.append(Self.star)
                wild = true
            case UInt8(ascii: "?"):
                units.append(Self.question)
                wild = true
            default: units.append(Int16(byte))
            }
        }
        self.init(units: units, literal: wild ? nil : text)
    }

    /// A pattern from pre-built units (policy-variable templates build these).
    package init(units: [Int16], literal: String? = nil) {
        self.units = units
        self.literal = literal
    }

    /// True when the pattern is exactly `*`.
    package var isMatchAll: Bool { units.count == 1 && units[0] == Self.star }

    /// Whether `text` matches the whole pattern.
    package func matches(_ text: String) -> Bool {
        if let literal { return literal == text }
        var text = text
        return text.withUTF8 { Self.match(units[...], $0) }
    }

    /// Whether `text` matches the whole pattern.
    package func matches(_ text: Substring) -> Bool {
        if let literal { return literal == text }
        var text = text
        return text.withUTF8 { Self.match(units[...], $0) }
    }

    /// The matcher: greedy on literals, remembering the last `*` to retry from.
    package static func match(_ units: ArraySlice<Int16>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = units.startIndex
        var t = 0
        var starP = -1
        var starT = 0
        let end = units.endIndex
        while t < text.count {
            if p < end {
                let unit = units[p]
                if unit == star {
                    starP = p
                    p += 1
                    starT = t
                    continue
                }
                if unit == question {
                    p += 1
                    t += scalarLength(text[t])
                    continue
                }
                if unit == Int16(text[t]) {
                    p += 1
                    t += 1
                    continue
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starT += scalarLength(text[starT])
            t = starT
        }
        while p < end && units[p] == star { p += 1 }
        return p == end
    }

    /// Bytes in the UTF-8 sequence led by `lead`, so `?` consumes one character, not one byte.
    @inline(__always)
    static func scalarLength(_ lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }
}
