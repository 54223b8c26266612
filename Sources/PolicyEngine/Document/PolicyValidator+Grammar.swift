/// IAM's statement-level checks after the JSON shape is known: version, legacy parsing, Sids,
/// actions and resources.
///
/// The rules and their order follow IAM's recorded responses (see `IAMMessages`): a managed
/// policy must be 2012-10-17; the legacy parser insists on exact `Allow`/`Deny`, readable dates
/// and well-formed ARNs; then Sids, actions, resources and their formats.
extension PolicyValidator {
    func checkVersion(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) {
        guard kind == .managed else { return }
        switch document.version {
        case .absent, .v2008_10_17:
            diagnostics.append(
                .init(
                    IAMMessages.versionTooOld,
                    detail: "managed policies need \"Version\": \"2012-10-17\" (found \(document.version))",
                    stage: .version))
        default: break
        }
    }

    func checkLegacy(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) {
        for statement in document.statements {
            for condition in statement.conditions where condition.conditionOperator?.base.family == .date {
                for value in condition.values where DateValue.parse(value) == nil {
                    diagnostics.append(
                        .init(
                            IAMMessages.legacyParsing,
                            detail:
                                "statement \(statement.index + 1): \(condition.operatorText) \(condition.key) value "
                                + "\"\(value)\" is not a date", statement: statement.index, stage: .legacy))
                }
            }
            guard kind != .trust, let resources = statement.resource else { continue }
            for resource in resources.values where resource != "*" && resourceFormatError(resource) == nil {
                if !legacyResourceParses(resource) {
                    diagnostics.append(
                        .init(
                            IAMMessages.legacyParsing,
                            detail: "statement \(statement.index + 1): resource \"\(resource)\" is not a complete ARN",
                            statement: statement.index, stage: .legacy))
                }
            }
        }
    }

    /// The legacy parser wants an ARN with a service and, when it has an empty field, all six fields.
    func legacyResourceParses(_ resource: String) -> Bool {
        let fields = resource.split(separator: ":", omittingEmptySubsequences: false)
        if resource.contains("::") && fields.count < 6 { return false }
        return fields.count > 2 && !fields[2].isEmpty
    }

    func checkStatementIDs(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) {
        var seen: Set<String> = []
        for statement in document.statements {
            guard let sid = statement.sid, !sid.isEmpty else { continue }
            if !seen.insert(sid).inserted {
                let message = kind == .trust ? IAMMessages.trustDuplicateSids : IAMMessages.duplicateSids
                diagnostics.append(
                    .init(
                        message, detail: "Sid \"\(sid)\" is used twice",
                        statement: statement.index, stage: .statementIDs))
            }
        }
    }

    func checkActions(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) {
        for statement in document.statements {
            let where_ = "statement \(statement.index + 1)"
            guard let actions = statement.action, !actions.values.isEmpty else {
                let message = kind == .trust ? IAMMessages.trustMissingAction : IAMMessages.mustContainActions
                diagnostics.append(
                    .init(
                        message, detail: "\(where_) has no Action or NotAction",
                        statement: statement.index, stage: .actionsPresent))
                continue
            }
            for action in actions.values {
                if let message = actionFormatError(action) {
                    diagnostics.append(
                        .init(
                            message, detail: "\(where_): action \"\(action)\"",
                            statement: statement.index, stage: .actionFormat))
                } else if kind == .trust && !Self.isAssumeRoleAction(action) {
                    diagnostics.append(
                        .init(
                            IAMMessages.trustActionsOnlySTS,
                            detail: "\(where_): \"\(action)\" is not an sts:AssumeRole-family action",
                            statement: statement.index, stage: .actionFormat))
                }
            }
        }
    }

    /// IAM's message for a malformed action, or nil.
    func actionFormatError(_ action: String) -> String? {
        if action == "*" { return nil }
        let utf8 = action.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return IAMMessages.actionNeedsVendor }
        if utf8[utf8.index(after: colon)...].contains(UInt8(ascii: ":")) { return IAMMessages.actionOneColon }
        let vendor = utf8[..<colon]
        let valid =
            !vendor.isEmpty
            && vendor.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".")
            }
        return valid ? nil : IAMMessages.invalidVendor(String(action[..<colon]))
    }

    /// The actions a trust policy may grant: the AssumeRole family and the session extras.
    static let assumeRoleActions = [
        "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession",
        "sts:setsourceidentity", "sts:setcontext",
    ]

    static let assumeRoleActionSet = Set(assumeRoleActions)

    static func isAssumeRoleAction(_ action: String) -> Bool {
        if action == "*" { return true }
        let lowered = action.lowercased()
        if assumeRoleActionSet.contains(lowered) { return true }
        let pattern = GlobPattern(lowered)
        return assumeRoleActions.contains { pattern.matches($0) }
    }

    func checkResources(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) {
        for statement in document.statements {
            let where_ = "statement \(statement.index + 1)"
            if kind == .trust {
                if let resource = statement.resource {
                    let message =
                        resource.negated
                        ? IAMMessages.trustProhibitedNotResource
                        : IAMMessages.trustProhibitedResource
                    diagnostics.append(
                        .init(
                            message, detail: "\(where_): a trust policy names no resources",
                            statement: statement.index, stage: .resourcesPresent))
                }
                continue
            }
            guard let resources = statement.resource, !resources.values.isEmpty else {
                diagnostics.append(
                    .init(
                        IAMMessages.mustContainResources,
                        detail: "\(where_) has no Resource or NotResource", statement: statement.index,
                        stage: .resourcesPresent))
                continue
            }
            for resource in resources.values {
                if let message = resourceFormatError(resource) {
                    diagnostics.append(
                        .init(
                            message, detail: "\(where_): resource \"\(resource)\"",
                            statement: statement.index, stage: .resourceFormat))
                }
            }
        }
    }

    static let partitions: Set<String> = [
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
    ]

    /// IAM's message for a malformed resource ARN, or nil. Fields missing from a shown ARN read `*`.
    func resourceFormatError(_ resource: String) -> String? {
        if resource == "*" { return nil }
        guard let firstColon = resource.firstIndex(of: ":") else { return IAMMessages.resourceNotARN(resource) }
        let afterPrefix = resource[resource.index(after: firstColon)...]
        let partitionEnd = afterPrefix.firstIndex(of: ":")
        let partition = afterPrefix[..<(partitionEnd ?? afterPrefix.endIndex)]
        let afterPartition = partitionEnd.map { afterPrefix[afterPrefix.index(after: $0)...] } ?? ""
        let partitionIsWildcard = !partition.contains("${") && (partition.contains("*") || partition.contains("?"))
        if !Self.partitions.contains(String(partition)) && !partitionIsWildcard {
            let rest = afterPartition.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let first = rest[0].isEmpty && rest.count == 1 ? "*" : rest[0]
            let second = rest.count > 1 ? rest[1] : "*"
            let third = rest.count > 2 ? rest[2] : "*"
            let fourth = rest.count > 3 ? rest[3...].joined(separator: ":") : "*"
            return IAMMessages.invalidPartition(
                String(partition), "arn:\(partition):\(first):\(second):\(third):\(fourth)")
        }
        guard partitionEnd != nil else { return IAMMessages.vendorNotQualified }
        let serviceEnd = afterPartition.firstIndex(of: ":")
        let service = afterPartition[..<(serviceEnd ?? afterPartition.endIndex)]
        let afterService = serviceEnd.map { afterPartition[afterPartition.index(after: $0)...] } ?? ""
        if service == "iam" || service == "s3" {
            guard afterService.first == ":" else {
                return service == "iam"
                    ? IAMMessages.iamResourceRegion(resource) : IAMMessages.s3ResourceRegion(resource)
            }
        }
        if service == "iam" {
            let fields = afterService.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            let path = fields.count > 2 ? fields[2] : ""
            if path != "*" && !IAMMessages.iamResourcePrefixes.contains(where: { path.hasPrefix($0) }) {
                return IAMMessages.iamResourcePath
            }
        }
        return nil
    }
}
