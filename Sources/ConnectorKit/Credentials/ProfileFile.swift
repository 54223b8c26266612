internal import Foundation

/// One of the AWS shared files (`~/.aws/credentials`, `~/.aws/config`), read as the CLI reads them: INI
/// sections of `key = value` lines.
///
/// - The credentials file names sections `[NAME]`; the config file `[profile NAME]`, except `[default]`. A
///   config section without the `profile ` prefix (other than `default`) is not a profile and is skipped, as
///   the CLI skips it (`[sso-session …]`, `[services …]`).
/// - Lines starting with `#` or `;` are comments, and so is anything after `#`/`;` on a section line. Values
///   keep inline `#` (a secret may contain one).
/// - Keys are matched ignoring case; indented lines continue a nested setting (`s3 =` + sub-keys) and are
///   skipped, as no credential setting is nested.
struct ProfileFile {
    enum Kind { case credentials, config }

    let path: String
    /// Settings by profile name, keys lower-cased.
    private(set) var profiles: [String: [String: String]] = [:]

    /// Reads `path`; a missing file is an empty one (most machines have only one of the two).
    /// - Throws: `CredentialsError.invalidProfile` for a line that is neither section, setting nor comment.
    init(path: String, kind: Kind) throws {
        let data = FileManager.default.contents(atPath: path) ?? Data()
        try self.init(path: path, kind: kind, text: String(decoding: data, as: UTF8.self))
    }

    init(path: String, kind: Kind, text: String) throws {
        self.path = path
        var current: String?
        var number = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                current = Self.profileName(section: line, kind: kind)
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            if rawLine.first?.isWhitespace == true { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw CredentialsError.invalidProfile(
                    profile: current ?? "", file: path, reason: "line \(number) is not `key = value`: \(line)")
            }
            guard let current else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            profiles[current, default: [:]][key] = value
        }
    }

    /// The profile a section header names, nil for a section that is not a profile.
    static func profileName(section line: String, kind: Kind) -> String? {
        guard let close = line.firstIndex(of: "]") else { return nil }
        let inside = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
        switch kind {
        case .credentials:
            return inside.isEmpty ? nil : inside
        case .config:
            if inside == "default" { return inside }
            let words = inside.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard words.count == 2, words[0] == "profile" else { return nil }
            let name = words[1].trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }
    }
}
