/// The ARN of the customer's role, checked part by part so a mistyped or mis-pasted ARN is caught on the set-up
/// page with a message that says which part is wrong, rather than by `AssumeRole`'s bare `AccessDenied` (which
/// AWS also answers for a role that does not exist).
///
/// `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`: IAM is global, so the region is empty; the path, when
/// present, is kept as IAM reports it (`/a/b/`), and STS's assumed-role ARN drops it.
public struct RoleARN: Sendable, Hashable, CustomStringConvertible {
    public let partition: Partition
    public let accountID: String
    /// `/` when the role has no path, otherwise `/a/b/`.
    public let path: String
    public let name: String

    /// IAM's limits (CreateRole): a name of 1–64 characters, a path of at most 512.
    public static let nameLength = 1...64
    public static let maxPathLength = 512

    /// Parses and checks `text`.
    /// - Throws: `SetupError(.roleARN, …)` naming the first part that is wrong.
    public init(parsing text: String) throws(SetupError) {
        func invalid(_ message: String) -> SetupError { SetupError(.roleARN, message) }
        guard !text.isEmpty else { throw invalid("it is empty; expected arn:aws:iam::ACCOUNT:role/NAME") }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else {
            throw invalid("\"\(text)\" is not an ARN; expected arn:aws:iam::ACCOUNT:role/NAME")
        }
        guard let partition = Partition(rawValue: String(parts[1])) else {
            throw invalid("unknown partition \"\(parts[1])\"; expected aws, aws-cn or aws-us-gov")
        }
        guard parts[2] == "iam" else {
            throw invalid("the service is \"\(parts[2])\"; a role ARN names iam (arn:\(partition.rawValue):iam::…)")
        }
        guard parts[3].isEmpty else {
            throw invalid("it names the region \"\(parts[3])\"; IAM is global, so a role ARN has none (iam::ACCOUNT)")
        }
        do {
            try AccountID.validate(String(parts[4]))
        } catch {
            throw invalid(error.message)
        }
        let resource = parts[5]
        guard resource.hasPrefix("role/") else {
            let kind = resource.split(separator: "/", maxSplits: 1).first.map(String.init) ?? String(resource)
            throw invalid(
                "the resource is a \(kind.isEmpty ? "missing one" : "\"\(kind)\""), not a role; expected role/NAME")
        }
        let afterType = resource.dropFirst("role/".count)
        let lastSlash = afterType.lastIndex(of: "/")
        let name = lastSlash.map { afterType[afterType.index(after: $0)...] } ?? afterType
        let path = lastSlash.map { "/" + afterType[...$0] } ?? "/"
        try Self.validate(name: String(name))
        try Self.validate(path: path)
        self.partition = partition
        accountID = String(parts[4])
        self.path = path
        self.name = String(name)
    }

    /// `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`, as IAM prints it.
    public var description: String { "arn:\(partition.rawValue):iam::\(accountID):role\(path)\(name)" }

    /// The ARN STS gives a session of this role: `arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/SESSION`
    /// (without the role's path).
    public func assumedRoleARN(sessionName: String) -> String {
        "arn:\(partition.rawValue):sts::\(accountID):assumed-role/\(name)/\(sessionName)"
    }

    static func validate(name: String) throws(SetupError) {
        guard !name.isEmpty else { throw SetupError(.roleARN, "the role name is missing after role/") }
        guard name.utf8.count <= nameLength.upperBound else {
            throw SetupError(.roleARN, "the role name is \(name.utf8.count) characters long; IAM allows at most 64")
        }
        if let bad = name.unicodeScalars.first(where: { !isNameCharacter($0) }) {
            throw SetupError(
                .roleARN,
                "the role name has \(ExternalID.describe(bad)); IAM allows letters, digits and _ + = , . @ - only")
        }
    }

    static func validate(path: String) throws(SetupError) {
        guard path.utf8.count <= maxPathLength else {
            throw SetupError(.roleARN, "the role path is \(path.utf8.count) characters long; IAM allows at most 512")
        }
        if let bad = path.unicodeScalars.first(where: { !(0x21...0x7E).contains($0.value) }) {
            throw SetupError(
                .roleARN, "the role path has \(ExternalID.describe(bad)); IAM allows printable ASCII only")
        }
        // IAM's pattern is `/` or `/[\u0021-\u007F]+/`: a path of two slashes has nothing between them.
        guard path == "/" || path.utf8.count >= 3 else {
            throw SetupError(.roleARN, "the role path \"\(path)\" is empty between its slashes")
        }
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "+", "=", ",", ".", "@", "-": true
        default: false
        }
    }
}

extension RoleARN: Codable {
    /// Encoded as the ARN text; decoding checks it as `init(parsing:)` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
