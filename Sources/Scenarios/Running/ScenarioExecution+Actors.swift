internal import AWSWire
internal import ConnectorKit
internal import Foundation

extension ScenarioExecution {
    /// The secret of every root key (the emulator's convention: the access key is the account ID).
    static let rootSecret = "test"
    /// The inline policy the runner gives a `{user:, allow:}` actor.
    static let userPolicyName = "roleplay-scenario-allow"

    /// `actor`'s credentials now: made on first use (a user created, a role assumed) and kept; a role session
    /// is assumed again once the target's virtual clock has passed its expiration.
    /// - Throws: `StepFailure` for an actor that cannot have credentials here, `ActorSetupError` for an AWS
    ///   error while making them.
    mutating func credentials(of actor: String, assumedBy chain: [String] = []) async throws -> AWSCredentials {
        // The loader refuses such loops in files; a scenario built in code could still have one.
        guard !chain.contains(actor) else {
            throw StepFailure(
                "actors assume roles as each other in a loop: \((chain + [actor]).joined(separator: " → "))")
        }
        guard let declared = scenario.actors[actor] else { throw StepFailure("unknown actor \(actor)") }
        let spec: ActorSpec
        do {
            spec = try declared.substituting(variables)
        } catch {
            throw StepFailure("actor \(actor): \(error)")
        }
        switch spec {
        case .root(let account):
            return try rootCredentials(account, for: actor)
        case .keys(let accessKeyID, let secretAccessKey, let sessionToken):
            return AWSCredentials(
                accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
        case .profile(let name):
            let provider =
                profileProviders[actor]
                ?? ProfileCredentialsProvider(profile: name, configuration: configuration, region: scenario.region)
            profileProviders[actor] = provider
            do {
                return try await provider.credentials()
            } catch {
                throw StepFailure("actor \(actor): profile \(name): \(error)")
            }
        case .user(let name, let account, let allow):
            if let made = madeCredentials[actor] { return made }
            let made = try await createUser(name, account: account, allow: allow, actor: actor)
            madeCredentials[actor] = made
            return made
        case .assume(let assume):
            if let made = madeCredentials[actor], made.expiration.map({ $0 > time.now }) ?? true { return made }
            let made = try await assumeRole(assume, actor: actor, chain: chain + [actor])
            madeCredentials[actor] = made
            return made
        }
    }

    private func rootCredentials(_ account: String, for actor: String) throws(StepFailure) -> AWSCredentials {
        guard isEmulator else {
            throw StepFailure("actor \(actor) is an account root, which only the emulator has keys for")
        }
        guard let id = scenario.accountID(account) else { throw StepFailure("unknown account \(account)") }
        return AWSCredentials(accessKeyID: id, secretAccessKey: Self.rootSecret)
    }

    /// CreateUser, an inline policy allowing `allow` on `*` (when given) and CreateAccessKey, as the root.
    private mutating func createUser(
        _ name: String, account: String, allow: [String], actor: String
    ) async throws -> AWSCredentials {
        let root = try rootCredentials(account, for: actor)
        var calls: [(String, JSONValue)] = [("CreateUser", ["UserName": .string(name)])]
        if !allow.isEmpty {
            let policy: JSONValue = [
                "Version": "2012-10-17",
                "Statement": [["Effect": "Allow", "Action": .array(allow.map { .string($0) }), "Resource": "*"]],
            ]
            calls.append(
                (
                    "PutUserPolicy",
                    ["UserName": .string(name), "PolicyName": .string(Self.userPolicyName), "PolicyDocument": policy]
                ))
        }
        calls.append(("CreateAccessKey", ["UserName": .string(name)]))
        let client = AWSClient(
            service: .iam, region: scenario.region, credentials: StaticCredentialsProvider(root),
            configuration: configuration)
        var last: JSONValue = [:]
        for (operation, parameters) in calls {
            let request = try OperationCatalog.request(service: "iam", operation: operation, parameters: parameters)
            switch try await Self.send(request, with: client, streaming: false) {
            case .success(let tree): last = tree
            case .error(let code, let message, let status):
                throw ActorSetupError(
                    actor: actor, call: "iam.\(operation)", code: code, message: message, status: status)
            }
        }
        guard let id = last["AccessKey"]?["AccessKeyId"]?.stringValue,
            let secret = last["AccessKey"]?["SecretAccessKey"]?.stringValue
        else { throw StepFailure("actor \(actor): CreateAccessKey answered without a key") }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret)
    }

    /// `sts:AssumeRole` by the `as` actor, with the spec's values (already substituted).
    private mutating func assumeRole(
        _ spec: AssumeSpec, actor: String, chain: [String]
    ) async throws -> AWSCredentials {
        let base = try await credentials(of: spec.actor, assumedBy: chain)
        let request = AssumeRoleRequest(
            roleARN: spec.roleARN, roleSessionName: spec.sessionName ?? actor, externalID: spec.externalID,
            durationSeconds: spec.durationSeconds, policy: spec.policy)
        let sts = STSClient(
            region: scenario.region, credentials: StaticCredentialsProvider(base), configuration: configuration)
        do {
            return try await sts.assumeRole(request).credentials
        } catch let error as ServiceError {
            throw ActorSetupError(
                actor: actor, call: "sts.AssumeRole", code: error.code, message: error.message, status: error.status)
        } catch let error as TransportError {
            throw ActorSetupError(
                actor: actor, call: "sts.AssumeRole", code: Self.transportCode(error.kind), message: error.detail,
                status: 0)
        }
    }
}
