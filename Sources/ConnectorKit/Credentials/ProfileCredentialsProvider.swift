public import Foundation

/// Credentials from a named profile of the AWS shared files, as the AWS CLI resolves them.
///
/// - Files: `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`) and `AWS_CONFIG_FILE` (default
///   `~/.aws/config`); a profile's settings are merged, the credentials file winning.
/// - Profile: the `profile` argument, else `AWS_PROFILE`, else `default`.
/// - `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`): those keys.
/// - `role_arn` + `source_profile` (+ `external_id`, `role_session_name`, `duration_seconds`): an
///   `AssumeRoleCredentialsProvider` signed with the source profile's credentials (which may itself assume a
///   role). STS is reached with `configuration`, in `region`, else the profile's `region`, else `AWS_REGION` /
///   `AWS_DEFAULT_REGION`, else `us-east-1`; without a `configuration` such a profile is an error.
///
/// The files are read at the first `credentials()` call, not at creation, and the result is kept (for a role
/// profile, the session is cached and refreshed by its provider). `invalidate()` forgets it, so the files are
/// read again: after the service rejected credentials as expired, they may have been replaced there.
public struct ProfileCredentialsProvider: CredentialsProvider {
    public let profile: String
    public let environment: [String: String]
    public let configuration: ClientConfiguration?
    public let region: String?
    private let resolution = ProfileResolution()

    public init(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        configuration: ClientConfiguration? = nil, region: String? = nil
    ) {
        self.profile = profile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        self.environment = environment
        self.configuration = configuration
        self.region = region
    }

    public var credentialsFilePath: String { path(variable: "AWS_SHARED_CREDENTIALS_FILE", default: "credentials") }
    public var configFilePath: String { path(variable: "AWS_CONFIG_FILE", default: "config") }

    /// - Throws: `CredentialsError.notFound` when the profile is in neither file or holds no credentials,
    ///   `CredentialsError.invalidProfile` when it cannot be used, or what `AssumeRole` threw.
    public func credentials() async throws -> AWSCredentials {
        let provider = try await resolution.provider { try resolve() }
        return try await provider.credentials()
    }

    public func invalidate() async {
        await resolution.forget()
    }

    /// The provider the profile stands for, from the files as they are now.
    func resolve() throws -> any CredentialsProvider {
        let credentials = try ProfileFile(path: credentialsFilePath, kind: .credentials)
        let config = try ProfileFile(path: configFilePath, kind: .config)
        return try provider(for: profile, files: (credentials, config), chain: [])
    }

    private func provider(
        for name: String, files: (credentials: ProfileFile, config: ProfileFile), chain: [String]
    ) throws -> any CredentialsProvider {
        let fromCredentials = files.credentials.profiles[name]
        let fromConfig = files.config.profiles[name]
        guard fromCredentials != nil || fromConfig != nil else {
            throw CredentialsError.notFound(
                "profile \"\(name)\" is in neither \(files.credentials.path) nor \(files.config.path)")
        }
        let settings = (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentialsFile in credentialsFile }
        let file = fromCredentials != nil ? files.credentials.path : files.config.path
        func invalid(_ reason: String) -> CredentialsError {
            .invalidProfile(profile: name, file: file, reason: reason)
        }

        guard let roleARN = settings["role_arn"] else { return try staticKeys(settings, profile: name, file: file) }
        if settings["credential_source"] != nil {
            throw invalid("credential_source is not supported; name a source_profile")
        }
        if settings["mfa_serial"] != nil {
            throw invalid("mfa_serial needs a token code, which this provider cannot ask for")
        }
        guard let source = settings["source_profile"], !source.isEmpty else {
            throw invalid("role_arn needs a source_profile")
        }
        guard let configuration else {
            throw invalid("role_arn needs an STS configuration (ProfileCredentialsProvider(configuration:))")
        }
        var duration: Int?
        if let text = settings["duration_seconds"] {
            guard let value = Int(text) else { throw invalid("duration_seconds \"\(text)\" is not a number") }
            duration = value
        }
        guard !chain.contains(source) else {
            throw invalid("source_profile loop: " + (chain + [name, source]).joined(separator: " -> "))
        }
        // A profile naming itself as source signs with its own keys (the CLI allows it). A source without
        // credentials makes this profile broken, not absent: a chain must not pass over it to another identity.
        let base: any CredentialsProvider
        do {
            base =
                source == name
                ? try staticKeys(settings, profile: name, file: file)
                : try provider(for: source, files: files, chain: chain + [name])
        } catch CredentialsError.notFound(let detail) {
            throw invalid("source_profile \"\(source)\": \(detail)")
        }
        let stsRegion =
            region ?? settings["region"] ?? nonEmpty("AWS_REGION") ?? nonEmpty("AWS_DEFAULT_REGION") ?? "us-east-1"
        let request = AssumeRoleRequest(
            roleARN: roleARN,
            roleSessionName: settings["role_session_name"]
                ?? "connectorkit-\(Int(configuration.now().timeIntervalSince1970))",
            externalID: settings["external_id"], durationSeconds: duration)
        return AssumeRoleCredentialsProvider(
            sts: STSClient(region: stsRegion, credentials: base, configuration: configuration), request: request,
            now: configuration.now)
    }

    private func staticKeys(
        _ settings: [String: String], profile: String, file: String
    ) throws -> StaticCredentialsProvider {
        let id = settings["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = settings["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (id, secret) {
        case (nil, nil):
            throw CredentialsError.notFound("profile \"\(profile)\" in \(file) has no aws_access_key_id or role_arn")
        case (.some, nil):
            throw CredentialsError.invalidProfile(
                profile: profile, file: file, reason: "aws_access_key_id without aws_secret_access_key")
        case (nil, .some):
            throw CredentialsError.invalidProfile(
                profile: profile, file: file, reason: "aws_secret_access_key without aws_access_key_id")
        case (let id?, let secret?):
            let token = settings["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
            return StaticCredentialsProvider(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
        }
    }

    private func nonEmpty(_ variable: String) -> String? {
        environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The variable's path (a leading `~/` expanded), else `~/.aws/NAME`.
    private func path(variable: String, default name: String) -> String {
        let home = nonEmpty("HOME") ?? NSHomeDirectory()
        guard let configured = nonEmpty(variable) else { return home + "/.aws/" + name }
        return configured.hasPrefix("~/") ? home + configured.dropFirst() : configured
    }
}

/// The provider a profile resolved to, kept between calls. An actor so that concurrent first calls read the
/// files once and share one provider (and so one role session).
private actor ProfileResolution {
    private var resolved: (any CredentialsProvider)?

    func provider(_ resolve: @Sendable () throws -> any CredentialsProvider) throws -> any CredentialsProvider {
        if let resolved { return resolved }
        let provider = try resolve()
        resolved = provider
        return provider
    }

    func forget() { resolved = nil }
}
