/// Parses a policy document and checks it the way IAM does for one kind of policy.
///
/// IAM answers a bad document with a single `MalformedPolicyDocument` message, chosen by the
/// first check that fails. Roleplay runs every check, returns every diagnostic ordered by IAM's
/// checking order, and so `report.firstError` is IAM's answer while the rest help the user fix
/// everything in one pass.
///
/// ```swift
/// let report = PolicyValidator(kind: .trust).validate(text)
/// if let error = report.firstError { throw .malformedPolicyDocument(error.message) }
/// ```
public struct PolicyValidator: Sendable {
    public var kind: PolicyKind
    public var options: ValidationOptions

    public init(kind: PolicyKind, options: ValidationOptions = .init()) {
        self.kind = kind
        self.options = options
    }

    /// Validates a document given as text.
    public func validate(_ text: String) -> ValidationReport {
        let scan = JSONScanner.scan(text, limits: options.scanLimits)
        return finish(scan: scan, text: text)
    }

    /// Validates raw bytes, which may not be UTF-8 at all (files, HTTP bodies).
    public func validate(bytes: [UInt8]) -> ValidationReport {
        if bytes.count > options.scanLimits.maxBytes { return tooLarge(bytes.count) }
        let scan = JSONScanner.scan(bytes: bytes, limits: options.scanLimits)
        let text = scan.error?.kind == .invalidUTF8 ? "" : String(decoding: bytes, as: UTF8.self)
        return finish(scan: scan, text: text)
    }

    /// A document far beyond every IAM quota: refused by size alone, without reading it.
    private func tooLarge(_ size: Int) -> ValidationReport {
        let (code, message) = sizeError(size: size)
        let detail = "\(size) bytes, more than the \(options.scanLimits.maxBytes) bytes Roleplay reads at all"
        return ValidationReport(
            kind: kind, document: nil, diagnostics: [.init(code, message, detail: detail, stage: .size)])
    }

    private func finish(scan: JSONScanResult, text: String) -> ValidationReport {
        if case .tooLarge(let size, _)? = scan.error?.kind { return tooLarge(size) }
        var diagnostics: [Diagnostic] = []
        checkCharacters(text, into: &diagnostics)
        let invalidJSON = kind == .trust ? IAMMessages.invalidJSON : IAMMessages.syntaxErrors
        if let error = scan.error {
            diagnostics.append(.init(invalidJSON, detail: "not valid JSON: \(error)", stage: .json))
        }
        for duplicate in scan.duplicateKeys {
            diagnostics.append(
                .init(
                    invalidJSON, detail: "duplicate key \"\(duplicate.key)\" at byte \(duplicate.offset)", stage: .json)
            )
        }
        guard let root = scan.value else {
            return ValidationReport(kind: kind, document: nil, diagnostics: ordered(diagnostics))
        }
        var builder = DocumentBuilder(kind: kind)
        let document = builder.build(root, text: text)
        diagnostics += builder.diagnostics
        checkVersion(document, into: &diagnostics)
        checkLegacy(document, into: &diagnostics)
        checkStatementIDs(document, into: &diagnostics)
        checkActions(document, into: &diagnostics)
        checkResources(document, into: &diagnostics)
        checkPrincipals(document, into: &diagnostics)
        checkSize(text, into: &diagnostics)
        return ValidationReport(kind: kind, document: document, diagnostics: ordered(diagnostics))
    }

    /// Stable order: IAM's checking stage first, then discovery order.
    private func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            lhs.element.stage != rhs.element.stage ? lhs.element.stage < rhs.element.stage : lhs.offset < rhs.offset
        }.map(\.element)
    }
}

/// What a validation found: the document (when the text was JSON) and every diagnostic.
public struct ValidationReport: Sendable {
    public var kind: PolicyKind
    /// The parsed document; present whenever the text was JSON, even if diagnostics follow.
    public var document: PolicyDocument?
    /// Every problem, IAM's own answer first.
    public var diagnostics: [Diagnostic]

    /// True when IAM would accept the document.
    public var isValid: Bool { diagnostics.isEmpty && document != nil }
    /// The diagnostic IAM would return.
    public var firstError: Diagnostic? { diagnostics.first }
}

/// What IAM knows besides the document: quotas and which principals exist.
public struct ValidationOptions: Sendable {
    public var limits = PolicySizeLimits()
    /// The entity an inline identity policy is embedded in (chooses the quota and names it in the message).
    public var inlineEntity: InlinePolicyEntity = .role(name: "")
    /// Answers whether a principal named in a `Principal` element exists.
    ///
    /// IAM resolves principal ARNs to unique IDs when a trust or resource policy is saved, so a
    /// policy naming a deleted or never-created role is refused with `Invalid principal in policy`.
    /// nil skips the existence check (only the ARN's shape is checked).
    public var principalExists: (@Sendable (PrincipalReference) -> Bool)?
    /// Bounds for the JSON scanner.
    package var scanLimits = JSONScanLimits()

    public init(
        limits: PolicySizeLimits = .init(), inlineEntity: InlinePolicyEntity = .role(name: ""),
        principalExists: (@Sendable (PrincipalReference) -> Bool)? = nil
    ) {
        self.limits = limits
        self.inlineEntity = inlineEntity
        self.principalExists = principalExists
    }
}

/// A principal a policy names, as handed to `ValidationOptions.principalExists`.
public enum PrincipalReference: Sendable, Hashable {
    /// A 12-digit account (written as an ID or as `arn:…:iam::ID:root`).
    case account(String)
    case user(arn: String)
    case role(arn: String)
    case assumedRole(arn: String)
    case federatedUser(arn: String)
    case service(String)
    case federatedProvider(String)
}
