internal import AWSWire
import PolicyEngine
import SigV4
import Synchronization

/// One request, end to end (ARCHITECTURE.md "One request, end to end"):
///
///     1. admin routes  /_roleplay/*
///     2. route         which service and operation (Router)
///     3. authenticate  identity + SigV4 (AuthenticationStep)
///        faults        an injected error, throttle, delay or stream cut (FaultInjector, docs/faults.md)
///     4. decode        the operation's typed input (Operation.decode)
///     5. authorize     policy engine over the caller's and the resource's policies (AuthorizationStep)
///     6. execute       the handler over the state
///     7. record        decision log, request log, CloudTrail (after encoding: STS mints credentials then)
///     8. encode        the protocol's success or error shape
///
/// Steps 5 and 6 share one critical section. Every failure becomes the protocol's error response; nothing
/// here traps on input.
extension Emulator {
    func respond(to request: HTTPRequest) -> HTTPResponse {
        let requestID = ids.requestID()
        if AdminAPI.handles(request) {
            let response = AdminAPI(emulator: self).respond(to: request, requestID: requestID)
            log(requestID, service: "admin", operation: request.method + " " + request.path, caller: "-", response, decision: "-")
            return response
        }
        let signed = SigV4Request(
            method: request.method, target: request.target,
            headers: request.headers.map { HTTPHeader($0.name, $0.value) }, body: request.body)
        let signature = Result { () throws(AuthFailure) in try SignatureParameters.parse(signed) }
        let route: Route
        let scope = (try? signature.get())?.scope.service ?? Router.lenientScopeService(request)
        switch Router.route(request, scopeService: scope) {
        case .success(let found): route = found
        case .failure(let failure):
            let response = failure.error.response(failure.wireProtocol, requestID: requestID, namespace: failure.namespace)
            log(requestID, service: "-", operation: "-", caller: "-", response, decision: "-", error: failure.error)
            return response
        }
        var caller = "-"
        var decision = "-"
        // Set once the caller is known and the operation exists: from then on, failures are recorded too.
        var recorded: (environment: RequestEnvironment, trail: TrailDetails?)?
        do {
            let authenticated = try authenticate(signed, signature: signature, service: route.service)
            caller = authenticated.identity.caller.arn
            try Self.checkSessionScope(authenticated.identity, service: route.service)
            var environment = RequestEnvironment(
                identity: authenticated.identity, region: authenticated.region, now: authenticated.now,
                requestID: requestID, sourceIP: request.remoteAddress, userAgent: request.header("User-Agent"),
                host: request.header("Host"), ids: ids, tokens: authenticated.tokens, cloudTrail: cloudTrail,
                streamChunkDelay: configuration.streamChunkDelay)
            guard let operation = ServiceRegistry.operation(route.service, route.operation) else {
                throw Self.unknownOperation(route)
            }
            recorded = (environment, nil)
            // After `recorded`: a call failed by a fault rule is in CloudTrail with its errorCode, as AWS records
            // a throttled call (docs/faults.md).
            try injectFault(route, into: &environment)
            let call = try operation.decode(route.parameters, environment)
            recorded?.trail = call.trail
            let (output, entries) = try authorizeAndExecute(call, environment, service: route.service)
            decisions.record(requestID: requestID, entries)
            if !entries.isEmpty { decision = "allow" }
            let response = encode(output, route: route, requestID: requestID)
            recordTrail(environment, route: route, trail: call.trail, error: nil)
            log(requestID, service: route.service.rawValue, operation: route.operation, caller: caller, response, decision: decision)
            return response
        } catch {
            let failure = PipelineError(error)
            var messageKey = AWSError.RestJSONMessageKey.lowercase
            if case .accessDenied = failure.kind {
                decision = "deny"
                // IAM-layer denials of rest-json services carry `Message`, not the modeled `message` (§6.4).
                messageKey = .capitalized
            }
            let response = failure.error.response(
                route.service.wireProtocol, requestID: requestID, namespace: route.service.namespace,
                restJSONMessageKey: messageKey)
            if let recorded {
                recordTrail(recorded.environment, route: route, trail: recorded.trail, error: failure.error)
            }
            log(requestID, service: route.service.rawValue, operation: route.operation, caller: caller, response, decision: decision, error: failure.error)
            return response
        }
    }

    /// Steps 5 and 6 under the lock.
    func authorizeAndExecute(_ call: Operation.Call, _ environment: RequestEnvironment, service: Service)
        throws(PipelineError) -> (OperationOutput, [DecisionLog.Entry])
    {
        let result: Result<(OperationOutput, [DecisionLog.Entry]), PipelineError> = withJournaledState { core in
            core.state.touch(account: environment.identity.account)
            if let session = environment.identity.session, session.origin == .assumeRole {
                core.state.recordUse(
                    ofRole: session.roleName, id: session.roleID, account: session.account, at: environment.now,
                    region: environment.region)
            }
            do {
                let checks = try call.authorization(core.state, environment)
                // One expression, so the step's copy of the state is released before `execute` writes to it (a
                // live copy would make the first write duplicate the whole state).
                let entries = try AuthorizationStep(state: core.state, sessionPolicies: sessionPolicies)
                    .authorize(checks, environment, service: service).get()
                return .success((try call.execute(&core.state, environment), entries))
            } catch {
                return .failure(PipelineError(error))
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error):
            if case .accessDenied(let entries) = error.kind { decisions.record(requestID: environment.requestID, entries) }
            throw error
        }
    }

    /// Step 8 for a success.
    func encode(_ output: OperationOutput, route: Route, requestID: String) -> HTTPResponse {
        switch output {
        case .query(let result):
            return QueryEnvelope.success(
                operation: route.operation, namespace: route.service.namespace, requestID: requestID, result: result)
        case .json(let value):
            let contentType = route.service.wireProtocol == .json ? JSONEnvelope.json11ContentType : JSONEnvelope.restJSONContentType
            return HTTPResponse(
                status: 200, headers: [HTTPField("Content-Type", contentType), HTTPField("x-amzn-RequestId", requestID)],
                bytes: JSONWriter.bytes(value))
        case .response(var response):
            if !response.headers.contains(where: { $0.name.lowercased() == "x-amzn-requestid" }) {
                response.headers.append(HTTPField("x-amzn-RequestId", requestID))
            }
            return response
        }
    }

    /// GetSessionToken credentials obtained without MFA cannot call IAM at all; AWS answers such calls as if the
    /// token were unknown (IAM User Guide, "Comparing the AWS STS API operations").
    static func checkSessionScope(_ identity: Identity, service: Service) throws(AWSError) {
        guard service == .iam, let session = identity.session, session.origin == .getSessionToken,
            !session.multiFactorAuthenticated
        else { return }
        throw wireError(.unknownAccessKey(identity.accessKeyID), service)
    }

    static func unknownOperation(_ route: Route) -> PipelineError {
        switch route.service.wireProtocol {
        case .query:
            let version = route.service.queryVersion ?? ""
            return PipelineError(AWSError(code: .invalidAction, message: "Could not find operation \(route.operation) for version \(version)"))
        case .json:
            return PipelineError(AWSError(code: .unknownOperationException, message: "The operation \(route.operation) is not recognized."))
        case .restJSON:
            return PipelineError(AWSError(code: .unknownOperationException, message: "The requested operation is not recognized.", httpStatus: 404))
        }
    }

    func log(
        _ requestID: String, service: String, operation: String, caller: String, _ response: HTTPResponse,
        decision: String, error: AWSError? = nil
    ) {
        guard let sink = configuration.requestLog else { return }
        sink(
            RequestLogRecord(
                requestID: requestID, service: service, operation: operation.isEmpty ? "-" : operation, caller: caller,
                status: response.status,
                decision: decision, errorCode: error?.code.rawValue),
            decisions)
    }
}

/// A failed request: the AWS error to send, and for a denial the decisions behind it.
struct PipelineError: Error {
    enum Kind {
        case failed
        case accessDenied([DecisionLog.Entry])
    }

    var error: AWSError
    var kind: Kind

    init(_ error: AWSError, kind: Kind = .failed) {
        self.error = error
        self.kind = kind
    }

    /// Any error a step threw: a pipeline error as is, an AWS error as a plain failure. Nothing else is thrown
    /// on the request path; should anything be, it is a server fault, answered as AWS answers its own faults.
    init(_ error: any Error) {
        switch error {
        case let failure as PipelineError: self = failure
        case let aws as AWSError: self.init(aws, kind: .failed)
        default: self.init(.internalFailure("An internal error occurred: \(error)"), kind: .failed)
        }
    }
}
