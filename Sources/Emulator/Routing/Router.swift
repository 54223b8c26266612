import AWSWire
import SigV4

/// Decides which service and operation a request is for (spec §1.2).
///
/// 1. `X-Amz-Target` → JSON 1.1 (CloudTrail by prefix).
/// 2. A form body, or a GET with `Action=` in the query → query protocol; the service from `Version`, else the
///    credential scope's service.
/// 3. Credential scope `bedrock` or a bearer token → Bedrock: the method and path pick the operation and with it
///    the control plane or the runtime (`BedrockRoutes`); anything else is a 404 `UnknownOperationException`.
/// 4. Otherwise the scope's service decides, or 404 `UnknownOperationException`.
/// Routing reads only headers, the target and (for the query protocol) the body; it never authenticates. The
/// credential scope's service comes from the signature parameters the pipeline has already parsed (nil when
/// the request carries none, or carries them malformed).
enum Router {
    static func route(_ request: HTTPRequest, scopeService scope: String?) -> Result<Route, RoutingFailure> {
        if let target = request.header("X-Amz-Target") { return routeJSON(target, request) }
        let contentType = request.header("Content-Type") ?? ""
        let isForm = contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        if isForm || (request.method == "GET" && hasAction(request.query)) {
            return routeQuery(request, fromBody: isForm, scope: scope)
        }
        let bearer = request.header("Authorization")?.hasPrefix("Bearer ") == true
        if scope == "bedrock" || bearer { return routeBedrock(request) }
        switch scope {
        case "sts", "iam": return routeQuery(request, fromBody: false, scope: scope)
        case "cloudtrail": return .failure(unknown(.json, "", "No X-Amz-Target header was given."))
        default: return .failure(unknown(.restJSON, "", "The requested operation is not recognized."))
        }
    }

    // MARK: JSON 1.1

    static func routeJSON(_ header: String, _ request: HTTPRequest) -> Result<Route, RoutingFailure> {
        guard let target = JSONTarget(header), target.prefix == JSONTarget.cloudTrailPrefix else {
            return .failure(unknown(.json, "", "The target \(header) is not recognized."))
        }
        return .success(Route(service: .cloudTrail, operation: target.operation, parameters: .json(request.body)))
    }

    // MARK: Query

    static func routeQuery(_ request: HTTPRequest, fromBody: Bool, scope: String?) -> Result<Route, RoutingFailure> {
        let fallback: Service = scope == "iam" ? .iam : .sts
        let parameters: QueryParameters
        do {
            let fromQuery = request.query.isEmpty ? QueryParameters() : try QueryParameters(decoding: String(request.query))
            parameters = fromBody
                ? QueryParameters(fromQuery.parameters + (try QueryParameters(decoding: request.body)).parameters)
                : fromQuery
        } catch {
            return .failure(
                RoutingFailure(
                    wireProtocol: .query, namespace: fallback.namespace,
                    error: .init(code: .malformedQueryString, message: "\(error)")))
        }
        let version = parameters["Version"]
        let service =
            Service.allCases.first { $0.queryVersion != nil && $0.queryVersion == version }
            ?? (scope == "iam" ? .iam : scope == "sts" ? .sts : nil)
        guard let service else {
            return .failure(
                RoutingFailure(
                    wireProtocol: .query, namespace: fallback.namespace,
                    error: .init(
                        code: .invalidAction,
                        message: "Could not find operation \(parameters["Action"] ?? "") for version \(version ?? "(none)")")))
        }
        guard let action = parameters["Action"], !action.isEmpty else {
            return .failure(
                RoutingFailure(
                    wireProtocol: .query, namespace: service.namespace,
                    error: .init(code: .missingAction, message: "Missing Action")))
        }
        let tree: QueryValue
        do {
            tree = try QueryValue(flattening: parameters)
        } catch {
            // Decodable, but not as a shape (a repeated name, a bad list index): AWSWire's mapping.
            return .failure(RoutingFailure(wireProtocol: .query, namespace: service.namespace, error: error.awsError))
        }
        return .success(Route(service: service, operation: action, parameters: .query(tree)))
    }

    // MARK: rest-json

    static func routeBedrock(_ request: HTTPRequest) -> Result<Route, RoutingFailure> {
        let segments: [String]
        do {
            segments = try RestPath(request.path).segments
        } catch {
            return .failure(unknown(.restJSON, "", "The request path is not valid: \(error)"))
        }
        guard let (template, parameters) = BedrockRoutes.match(method: request.method, segments: segments) else {
            // A known service with an operation the emulator does not serve (or a wrong method): Bedrock's 404.
            return .failure(unknown(.restJSON, "", "The requested operation is not recognized."))
        }
        return .success(
            Route(
                service: template.service, operation: template.operation,
                parameters: .rest(
                    RestRequest(
                        pathParameters: parameters, query: request.query, headers: request.headers, body: request.body))))
    }

    // MARK: Helpers

    /// The service of a credential scope read leniently from the raw `Authorization` header or presigned query,
    /// for requests whose signature parameters did not parse: a malformed Bedrock signature must still reach
    /// Bedrock's protocol to be refused in its shape (spec §2.4).
    static func lenientScopeService(_ request: HTTPRequest) -> String? {
        let credential: Substring
        if let authorization = request.header("Authorization"), let start = authorization.firstRange(of: "Credential=") {
            credential = authorization[start.upperBound...].prefix { $0 != "," && $0 != " " }
        } else if let start = request.query.firstRange(of: "X-Amz-Credential=") {
            credential = request.query[start.upperBound...].prefix { $0 != "&" }
        } else {
            return nil
        }
        let fields = String(credential).replacing("%2F", with: "/").replacing("%2f", with: "/").split(separator: "/")
        return fields.count >= 5 ? String(fields[fields.count - 2]) : nil
    }

    private static func hasAction(_ query: Substring) -> Bool {
        query.hasPrefix("Action=") || query.contains("&Action=")
    }

    static func unknown(_ wire: WireProtocol, _ namespace: String, _ message: String) -> RoutingFailure {
        let status = wire == .restJSON ? 404 : 400
        return RoutingFailure(
            wireProtocol: wire, namespace: namespace,
            error: AWSError(code: .unknownOperationException, message: message, httpStatus: status))
    }
}
