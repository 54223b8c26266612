/// A step that failed without a service error: the service answered, but not what a working connection
/// answers (another identity, a model not offered, an event not delivered).
struct StepFailure: Error {
    var detail: String
    var hint: String
}
