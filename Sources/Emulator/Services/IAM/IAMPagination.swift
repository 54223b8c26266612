import AWSWire

/// IAM's `Marker`/`MaxItems` paging (spec §5.4): at most `MaxItems` (1–1000, default 100) per page, and when
/// more remain `IsTruncated=true` with a `Marker` to continue from. The marker is the index of the next item
/// as text, which is opaque enough for SDK paginators and stable while nothing is added or removed.
struct IAMPage<Item> {
    var items: [Item]
    /// The marker for the next page; nil on the last page.
    var marker: String?

    var isTruncated: Bool { marker != nil }

    init(_ all: [Item], marker: String?, maxItems: Int?) throws(AWSError) {
        let start: Int
        if let marker {
            guard let index = Int(marker), index >= 0, index <= all.count else {
                throw .invalidInput("Invalid Marker.")
            }
            start = index
        } else {
            start = 0
        }
        let end = min(all.count, start + (maxItems ?? 100))
        items = Array(all[start..<end])
        self.marker = end < all.count ? String(end) : nil
    }

    /// Writes `IsTruncated` and, when truncated, `Marker`.
    func writeTruncation(to writer: inout XMLWriter) {
        writer.element("IsTruncated", text: isTruncated ? "true" : "false")
        writer.element("Marker", optional: marker)
    }
}

extension QueryInput {
    /// `Marker` and `MaxItems` as every IAM list operation takes them.
    func paging() -> (marker: String?, maxItems: Int?) {
        (string("Marker", min: 1, max: 320), int("MaxItems", min: 1, max: 1000))
    }
}

extension AWSError {
    static func invalidInput(_ message: String) -> AWSError { .init(code: .invalidInput, message: message) }
    static func limitExceeded(_ message: String) -> AWSError { .init(code: .limitExceeded, message: message) }
    static func deleteConflict(_ message: String) -> AWSError { .init(code: .deleteConflict, message: message) }
}
