import AWSWire

/// Bedrock Runtime's operations (spec §7): InvokeModel, InvokeModelWithResponseStream, Converse and
/// ConverseStream, one builder for all four (`Invocation`).
enum BedrockRuntimeOperations {
    static let all: [Operation] = Invocation.Kind.allCases.map(operation)

    /// The operation of one kind.
    ///
    /// Decoding does the per-call work outside the state lock: it resolves the model, checks the body and
    /// renders the default answer. Authorization then checks every resource the model identifier names; only
    /// after it passes does `execute` throw a refusal found while decoding (AWS authorizes before it validates
    /// the model and the body) or consult the scripted answers.
    static func operation(_ kind: Invocation.Kind) -> Operation {
        .rest(
            kind.rawValue,
            decode: { (request, environment) throws(AWSError) in try Invocation(kind, request, environment) },
            authorize: { (invocation, _, _) in invocation.target.checks(kind.action) },
            execute: { (invocation, state, environment) throws(AWSError) in
                try invocation.output(scripts: &state.bedrockResponses, environment)
            },
            trail: { $0.target.trail })
    }
}
