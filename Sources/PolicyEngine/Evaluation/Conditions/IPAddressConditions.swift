/// `IpAddress` (and `NotIpAddress`, by negation): is the request address inside any listed range?
///
/// Used with `aws:SourceIp`. Policy values are CIDR ranges or single addresses, IPv4 or IPv6.
enum IPAddressConditions {
    static func compile(_ values: [String]) -> ConditionOperand {
        .addresses(values.map { IPAddressRange($0) })
    }

    static func match(_ value: String, _ ranges: [IPAddressRange?]) -> ValueMatch {
        guard let address = IPAddressRange.address(Substring(value)) else { return .unreadable }
        return ranges.contains { $0?.contains(address) == true } ? .match : .noMatch
    }
}
