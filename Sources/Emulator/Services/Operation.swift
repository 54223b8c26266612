import AWSWire
import PolicyEngine

/// One operation of a service: how to read its input, what it must be allowed to do, and what it does.
///
/// The pipeline owns the order (decode → authorize → execute → encode); an operation only supplies the
/// pieces. `decode` runs without state; `authorization` and `execute` run under the state lock, one after the
/// other, so nothing changes between the check and the change.
struct Operation: Sendable {
    let name: String
    let decode: @Sendable (Route.Parameters, RequestEnvironment) throws(AWSError) -> Call

    /// An operation bound to its decoded input.
    struct Call {
        /// The permissions the call needs, given the state; empty for calls that need none.
        let authorization: (EmulatorState, RequestEnvironment) throws(AWSError) -> [AuthorizationCheck]
        let execute: (inout EmulatorState, RequestEnvironment) throws(AWSError) -> OperationOutput
        /// What CloudTrail records of the call.
        var trail = TrailDetails()
    }
}

extension Operation.Call {
    /// `input`, decoded once, bound to the operation's steps (what every builder below returns).
    init<Input>(
        binding input: Input,
        authorize: @escaping @Sendable (Input, EmulatorState, RequestEnvironment) throws(AWSError) -> [AuthorizationCheck],
        execute: @escaping (Input, inout EmulatorState, RequestEnvironment) throws(AWSError) -> OperationOutput,
        trail: TrailDetails
    ) {
        self.init(
            authorization: { (state, environment) throws(AWSError) in try authorize(input, state, environment) },
            execute: { (state, environment) throws(AWSError) in try execute(input, &state, environment) },
            trail: trail)
    }
}

/// What an operation produced, before the protocol encodes it.
enum OperationOutput {
    /// Query protocol: the `<{Op}Result>` members, or none for operations without an output shape.
    case query(QueryEnvelope.Result)
    /// JSON protocols: the body.
    case json(JSONValue)
    /// A response the operation built itself (streams).
    case response(HTTPResponse)
}

/// One permission a call needs: an action on a resource, with the resource's own policy if it has one.
struct AuthorizationCheck: Sendable {
    var action: String
    var resource: String
    var resourceAccount: String?
    /// For `sts:AssumeRole`, the role's trust policy.
    var resourcePolicy: CompiledPolicy?
    /// Operation-specific condition keys (`sts:ExternalId`, `aws:RequestTag/…`).
    var context: RequestContext = RequestContext()
    /// Set when the resource does not exist but AWS answers as for a denial (AssumeRole on a missing role):
    /// the check then fails whatever the policies say, and the note goes to the decision log.
    var missingResource: String?
    /// The resource as the denial message names it, when it differs from `resource`.
    var messageResource: String?
}

extension Operation {
    /// A query-protocol operation with a typed input. CloudTrail records its parameters under their lowerCamel
    /// names (`TrailDetails.requestParameters(query:)`); `trail` adds what that cannot know (resources).
    static func query<Input>(
        _ name: String,
        decode: @escaping @Sendable (QueryInput) throws(AWSError) -> Input,
        authorize: @escaping @Sendable (Input, EmulatorState, RequestEnvironment) throws(AWSError) -> [AuthorizationCheck],
        execute: @escaping @Sendable (Input, inout EmulatorState, RequestEnvironment) throws(AWSError) -> QueryEnvelope.Result,
        trail: @escaping @Sendable (Input, inout TrailDetails) -> Void = { _, _ in }
    ) -> Operation {
        Operation(name: name) { (parameters, environment) throws(AWSError) -> Call in
            guard case .query(let tree) = parameters else {
                throw AWSError(code: .invalidAction, message: "\(name) is only served over the query protocol")
            }
            let reader = QueryInput(tree)
            let input = try decode(reader)
            try reader.finish()
            var details = TrailDetails(requestParameters: TrailDetails.requestParameters(query: tree))
            trail(input, &details)
            return Call(
                binding: input, authorize: authorize,
                execute: { (input, state, environment) throws(AWSError) in .query(try execute(input, &state, environment)) },
                trail: details)
        }
    }
}

extension Operation {
    /// A rest-json operation (Bedrock, Bedrock Runtime): `decode` reads the path parameters, query, headers and
    /// body the route table bound, and checks them as the service does.
    static func rest<Input>(
        _ name: String,
        decode: @escaping @Sendable (RestRequest, RequestEnvironment) throws(AWSError) -> Input,
        authorize: @escaping @Sendable (Input, EmulatorState, RequestEnvironment) throws(AWSError) -> [AuthorizationCheck],
        execute: @escaping @Sendable (Input, inout EmulatorState, RequestEnvironment) throws(AWSError) -> OperationOutput,
        trail: @escaping @Sendable (Input) -> TrailDetails = { _ in TrailDetails() }
    ) -> Operation {
        Operation(name: name) { (parameters, environment) throws(AWSError) -> Call in
            guard case .rest(let request) = parameters else {
                throw AWSError(code: .unknownOperationException, message: "The requested operation is not recognized.", httpStatus: 404)
            }
            let input = try decode(request, environment)
            return Call(binding: input, authorize: authorize, execute: execute, trail: trail(input))
        }
    }

    /// A JSON 1.1 operation (CloudTrail): the body is decoded to a JSON object first (an empty body is `{}`, as
    /// the SDKs send for operations without input); anything else is the protocol's `SerializationException`.
    static func json<Input>(
        _ name: String,
        decode: @escaping @Sendable (JSONValue, RequestEnvironment) throws(AWSError) -> Input,
        authorize: @escaping @Sendable (Input, EmulatorState, RequestEnvironment) throws(AWSError) -> [AuthorizationCheck],
        execute: @escaping @Sendable (Input, inout EmulatorState, RequestEnvironment) throws(AWSError) -> JSONValue,
        trail: @escaping @Sendable (Input) -> TrailDetails = { _ in TrailDetails() }
    ) -> Operation {
        Operation(name: name) { (parameters, environment) throws(AWSError) -> Call in
            guard case .json(let body) = parameters else {
                throw AWSError(code: .unknownOperationException, message: "The operation \(name) is not recognized.")
            }
            guard let document = body.isEmpty ? .object([]) : try? JSONReader().decode(body), case .object = document
            else {
                throw AWSError(code: .serializationException, message: "Start of structure or map found where not expected.")
            }
            let input = try decode(document, environment)
            return Call(
                binding: input, authorize: authorize,
                execute: { (input, state, environment) throws(AWSError) in .json(try execute(input, &state, environment)) },
                trail: trail(input))
        }
    }
}
