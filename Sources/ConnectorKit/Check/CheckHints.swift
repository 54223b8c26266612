internal import Foundation

/// The plain-language advice a failed step carries: what the error most likely means for a connector, and
/// what to change. AWS's own messages name the action and resource but not the set-up step that went wrong.
enum CheckHints {
    /// What the hints may name: the connection and, once known, the model.
    struct Context {
        var configuration: ConnectionConfiguration
        var modelID: String
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded",
        "ServiceQuotaExceededException",
    ]
    static let expiredCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException"]
    static let invalidKeyCodes: Set<String> = [
        "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidSignatureException",
    ]

    /// The hint for a service's error answer in `step`.
    static func hint(for error: ServiceError, in step: CheckStep, _ context: Context) -> String {
        let role = context.configuration.roleARN
        if throttlingCodes.contains(error.code) {
            return "AWS kept throttling \(error.operation) after every retry: wait a minute and run the check again, "
                + "or ask for a higher \(error.service.rawValue) quota in \(context.configuration.region)."
        }
        if error.status >= 500 {
            return "\(error.service.rawValue) failed on its side (\(error.code)) after every retry: "
                + "run the check again later."
        }
        if expiredCodes.contains(error.code) {
            return step == .assumeRole
                ? "the SaaS account's own credentials have expired: renew them (a new session token, aws sso login) and run again."
                : "the role session expired and could not be renewed: check that the role still trusts the SaaS account."
        }
        if invalidKeyCodes.contains(error.code) {
            return step == .assumeRole
                ? "AWS does not accept the SaaS account's access key or secret: check the base credentials (environment or --profile)."
                : "AWS does not accept the role session's credentials: check the endpoint and the system clock."
        }
        switch (step, error.code) {
        case (.assumeRole, "AccessDenied"):
            let caller = callerAccount(in: error.message).map { "arn:\(role.partition.rawValue):iam::\($0):root" }
            let externalID =
                context.configuration.externalID.map {
                    "Does its sts:ExternalId condition hold \"\($0)\"? If not, the External ID does not match the "
                        + "role's trust policy — was the set-up page reloaded?"
                } ?? "No External ID was sent, and a role made from the set-up page requires one."
            return "AWS gives the same AccessDenied for each of these, so check them in turn: does the role \(role) "
                + "exist? Does its trust policy name \(caller ?? "the SaaS account's root")? \(externalID) Last, the "
                + "SaaS identity itself must be allowed sts:AssumeRole on the role."
        case (.assumeRole, "RegionDisabledException"):
            return "STS is not activated in \(context.configuration.region) for the account: activate the region "
                + "(IAM → Account settings) or choose another region."
        case (.listModels, "AccessDeniedException"):
            return "the role lacks bedrock:ListFoundationModels: add it to the role's permissions (or attach "
                + "AmazonBedrockFullAccess)."
        case (.resolveModel, "AccessDeniedException"):
            return "the role lacks bedrock:ListInferenceProfiles, which finds the inference profile this model needs."
        case (.converse, "AccessDeniedException"):
            let resource = deniedResource(in: error.message) ?? context.modelID
            return "the role lacks bedrock:InvokeModel on \(resource): add it to the role's permissions (the guide's "
                + "policy allows bedrock:InvokeModel on *)."
        case (.converse, "ValidationException") where error.message.contains("on-demand throughput"):
            let profiles = ModelResolution.likelyProfileIDs(
                for: context.modelID, region: context.configuration.region)
            return "this model needs an inference profile ID such as \(profiles.joined(separator: " or ")) (Bedrock "
                + "console → Cross-region inference lists them); use it as the model ID, or allow "
                + "bedrock:ListInferenceProfiles so the check can find it."
        case (.converse, "ValidationException"), (.converse, "ResourceNotFoundException"):
            return "Bedrock refused the model \(context.modelID) in \(context.configuration.region): check the "
                + "model ID and that the model is offered in this region."
        case (.converse, "ModelNotReadyException"), (.converse, "ModelTimeoutException"):
            return "the model was not ready to answer: run the check again in a few minutes."
        case (.cloudTrail, "AccessDeniedException"):
            return "the customer's credentials lack cloudtrail:LookupEvents (e.g. AWSCloudTrail_ReadOnlyAccess)."
        default:
            return "\(error.service.rawValue) refused \(error.operation) with \(error.code); "
                + "the message above says why."
        }
    }

    /// The hint when no answer arrived at all.
    static func hint(for error: TransportError, endpoint: String) -> String {
        switch error.kind {
        case .connectionFailed:
            "could not connect to \(endpoint): check the endpoint URL (--endpoint), that the server is running, "
                + "and the network or proxy."
        case .connectionLost:
            "the connection to \(endpoint) broke mid-answer after every retry: check the network and run again."
        case .timedOut:
            "\(endpoint) did not answer in time: check the network, proxy and endpoint, then run again."
        case .bodyTooLarge:
            "the answer from \(endpoint) was larger than the client accepts: is the endpoint an AWS-compatible service?"
        }
    }

    /// The account of the ARN after `User: ` in an AccessDenied message.
    static func callerAccount(in message: String) -> String? {
        guard let start = message.range(of: "User: ") else { return nil }
        let arn = message[start.upperBound...].prefix { $0 != " " }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[4].utf8.count == 12 else { return nil }
        return String(parts[4])
    }

    /// The resource after `on resource: ` in an AccessDenied(Exception) message.
    static func deniedResource(in message: String) -> String? {
        guard let start = message.range(of: "on resource: ") else { return nil }
        let resource = message[start.upperBound...].prefix { $0 != " " }
        return resource.isEmpty ? nil : String(resource)
    }
}

extension CheckHints {
    /// The hint for an error that is neither a service's answer nor a lost connection: base credentials that
    /// could not be loaded, or an answer that could not be read.
    static func hint(forOther error: any Error, in step: CheckStep) -> String {
        if error is CancellationError { return "the check was cancelled before this step finished." }
        if error is CredentialsError {
            return "the SaaS account's credentials could not be loaded: set AWS_ACCESS_KEY_ID and "
                + "AWS_SECRET_ACCESS_KEY, or name a profile of the shared credentials file (--profile)."
        }
        return "the answer to \(step.title) could not be used: is the endpoint an AWS service (or the emulator)?"
    }
}
