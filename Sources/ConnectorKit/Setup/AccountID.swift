/// An AWS account ID: exactly 12 digits (leading zeros included; `012345678901` is a valid account).
public enum AccountID {
    public static func validate(_ value: String) throws(SetupError) {
        guard !value.isEmpty else { throw SetupError(.accountID, "it is empty; an AWS account ID is 12 digits") }
        guard value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw SetupError(
                .accountID, "\"\(value)\" has characters other than digits; an AWS account ID is 12 digits")
        }
        guard value.utf8.count == 12 else {
            throw SetupError(
                .accountID, "\"\(value)\" has \(value.utf8.count) digits; an AWS account ID has exactly 12")
        }
    }
}
