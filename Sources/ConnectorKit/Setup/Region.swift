/// AWS region names as a connector's set-up form takes them (`us-east-1`, `us-gov-west-1`, `cn-north-1`,
/// `ap-southeast-3`), checked before any call so a typo is not reported as an unreachable endpoint.
public enum Region {
    /// Checks the shape `AREA-DIRECTION-N` (`us-gov-…` for GovCloud) and, when `partition` is given, that the
    /// region belongs to it: a role in `aws-cn` can only be used from a China region.
    /// - Throws: `SetupError(.region, …)`.
    public static func validate(_ region: String, partition: Partition? = nil) throws(SetupError) {
        guard !region.isEmpty else { throw SetupError(.region, "it is empty; expected a name such as us-east-1") }
        guard isWellFormed(region) else {
            throw SetupError(
                .region,
                "\"\(region)\" is not a region name; expected one such as us-east-1, eu-west-3 or us-gov-west-1")
        }
        if let partition, Partition(region: region) != partition {
            throw SetupError(
                .region,
                "\(region) is in the \(Partition(region: region).rawValue) partition but the role is in "
                    + "\(partition.rawValue); use a region of the role's partition")
        }
    }

    /// `xx-direction-N` or `us-gov-direction-N`: lowercase letters, a one- or two-digit number without a
    /// leading zero.
    static func isWellFormed(_ region: String) -> Bool {
        var parts = region.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 4, parts[0] == "us", parts[1] == "gov" { parts.remove(at: 1) }
        guard parts.count == 3 else { return false }
        let (area, direction, number) = (parts[0], parts[1], parts[2])
        return area.utf8.count == 2 && area.utf8.allSatisfy(isLowercaseLetter)
            && (4...9).contains(direction.utf8.count) && direction.utf8.allSatisfy(isLowercaseLetter)
            && (1...2).contains(number.utf8.count) && number.utf8.allSatisfy { (0x30...0x39).contains($0) }
            && number.first != "0"
    }

    static func isLowercaseLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
}
