/// A step that could not produce a response to check: the message is the report's, complete on its own.
struct StepFailure: Error {
    var message: String

    init(_ message: String) { self.message = message }
}

/// An AWS error met while making an actor's credentials (a user's set-up, an `AssumeRole`): the step sees it as
/// its own error response, so a scenario can expect a denied role assumption on the step that uses the session.
struct ActorSetupError: Error {
    var actor: String
    var call: String
    var code: String
    var message: String
    var status: Int
}
