import AWSWire
import SigV4
import Testing

@testable import Emulator

/// One routing case: a request as an SDK sends it, the credential scope's service the pipeline parsed from
/// its signature (routing never authenticates), and where it must go.
struct RouteCase: Sendable, CustomTestStringConvertible {
    let name: String
    let request: HTTPRequest
    var scope: String? = nil
    let service: Service
    var operation = ""

    var testDescription: String { name }

    static let form = HTTPField("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")

    static func form(_ body: String) -> HTTPRequest {
        HTTPRequest(method: "POST", target: "/", headers: [form], body: Array(body.utf8))
    }

    static let all: [RouteCase] = [
        RouteCase(
            name: "X-Amz-Target with CloudTrail's prefix is CloudTrail, operation after the last dot",
            request: HTTPRequest(
                method: "POST", target: "/",
                headers: [
                    HTTPField("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"),
                    HTTPField("Content-Type", "application/x-amz-json-1.1"),
                ],
                body: Array("{}".utf8)),
            scope: "cloudtrail", service: .cloudTrail, operation: "LookupEvents"),
        RouteCase(
            name: "form with Version 2011-06-15 is STS, whatever the scope",
            request: form("Action=AssumeRole&Version=2011-06-15"), scope: "iam", service: .sts,
            operation: "AssumeRole"),
        RouteCase(
            name: "form with Version 2010-05-08 is IAM, whatever the scope",
            request: form("Action=ListRoles&Version=2010-05-08"), scope: "sts", service: .iam, operation: "ListRoles"),
        RouteCase(
            name: "form without Version falls back to the scope's service",
            request: form("Action=ListRoles"), scope: "iam", service: .iam, operation: "ListRoles"),
        RouteCase(
            name: "GET with Action in the query (presigned GetCallerIdentity) is the query protocol",
            request: HTTPRequest(method: "GET", target: "/?Action=GetCallerIdentity&Version=2011-06-15"),
            service: .sts, operation: "GetCallerIdentity"),
        RouteCase(
            name: "bedrock scope and /model/{id}/invoke is Bedrock Runtime",
            request: HTTPRequest(method: "POST", target: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke"),
            scope: "bedrock", service: .bedrockRuntime, operation: "InvokeModel"),
        RouteCase(
            name: "/model/{id}/invoke-with-response-stream is the streaming InvokeModel",
            request: HTTPRequest(method: "POST", target: "/model/m/invoke-with-response-stream"), scope: "bedrock",
            service: .bedrockRuntime, operation: "InvokeModelWithResponseStream"),
        RouteCase(
            name: "/model/{id}/converse-stream is ConverseStream",
            request: HTTPRequest(method: "POST", target: "/model/m/converse-stream"), scope: "bedrock",
            service: .bedrockRuntime, operation: "ConverseStream"),
        RouteCase(
            name: "bedrock scope and /foundation-models is the control plane",
            request: HTTPRequest(method: "GET", target: "/foundation-models?byProvider=anthropic"), scope: "bedrock",
            service: .bedrock, operation: "ListFoundationModels"),
        RouteCase(
            name: "/foundation-models/{id} is GetFoundationModel",
            request: HTTPRequest(method: "GET", target: "/foundation-models/amazon.nova-micro-v1%3A0"),
            scope: "bedrock", service: .bedrock, operation: "GetFoundationModel"),
        RouteCase(
            name: "/inference-profiles is ListInferenceProfiles",
            request: HTTPRequest(method: "GET", target: "/inference-profiles?type=SYSTEM_DEFINED"), scope: "bedrock",
            service: .bedrock, operation: "ListInferenceProfiles"),
        RouteCase(
            name: "/inference-profiles/{id} is GetInferenceProfile",
            request: HTTPRequest(method: "GET", target: "/inference-profiles/us.amazon.nova-micro-v1%3A0"),
            scope: "bedrock", service: .bedrock, operation: "GetInferenceProfile"),
        RouteCase(
            name: "a bearer token (Bedrock API key) routes to Bedrock by path",
            request: HTTPRequest(
                method: "POST", target: "/model/m/converse", headers: [HTTPField("Authorization", "Bearer abc")]),
            service: .bedrockRuntime, operation: "Converse"),
    ]
}

/// Spec §1.2: which service and operation a request is for, from headers, scope, path and form.
@Suite("Routing")
struct RoutingTests {
    @Test("routes to the right service and operation", arguments: RouteCase.all)
    func routes(_ c: RouteCase) throws {
        let route = try Router.route(c.request, scopeService: c.scope).get()
        #expect(route.service == c.service)
        #expect(route.operation == c.operation)
    }

    @Test(
        "a Bedrock path or method the emulator does not serve is rest-json's 404 UnknownOperationException",
        arguments: [
            ("GET", "/model-customization-jobs"), ("POST", "/guardrail/gr1/version/1/apply"), ("GET", "/guardrails"),
            ("GET", "/async-invoke"), ("POST", "/foundation-models"), ("GET", "/model/m/invoke"), ("POST", "/model//invoke"),
        ])
    func unservedBedrockPath(method: String, target: String) throws {
        let failure = try #require(Self.failure(Router.route(HTTPRequest(method: method, target: target), scopeService: "bedrock")))
        #expect(failure.wireProtocol == .restJSON)
        #expect(failure.error.code == .unknownOperationException)
        #expect(failure.error.httpStatus == 404)
    }

    @Test("a query route carries the form's parameters as a tree")
    func queryParameters() throws {
        let request = RouteCase.form("Action=AssumeRole&Version=2011-06-15&RoleSessionName=a+b&Tags.member.1.Key=k%3D")
        let route = try Router.route(request, scopeService: "sts").get()
        guard case .query(let tree) = route.parameters else {
            Issue.record("not a query route: \(route.parameters)")
            return
        }
        #expect(tree["RoleSessionName"]?.stringValue == "a b")
        #expect(tree["Tags"]?.listValue?.first?["Key"]?.stringValue == "k=")
    }

    @Test("rest paths are split on / before each segment is percent-decoded (spec §1.2 step 5)")
    func restSegments() throws {
        let arn =
            "arn%3Aaws%3Abedrock%3Aus-east-1%3A222222222222%3Ainference-profile%2Fus.anthropic.claude-3-5-haiku-20241022-v1%3A0"
        let route = try Router.route(
            HTTPRequest(method: "POST", target: "/model/\(arn)/invoke"), scopeService: "bedrock"
        )
        .get()
        guard case .rest(let rest) = route.parameters else {
            Issue.record("not a rest route: \(route.parameters)")
            return
        }
        #expect(route.service == .bedrockRuntime)
        #expect(route.operation == "InvokeModel")
        #expect(
            rest.pathParameters == [
                "modelId":
                    "arn:aws:bedrock:us-east-1:222222222222:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0"
            ])
    }

    @Test("an unknown X-Amz-Target prefix is a JSON 1.1 UnknownOperationException (400)")
    func unknownTarget() throws {
        let request = HTTPRequest(
            method: "POST", target: "/", headers: [HTTPField("X-Amz-Target", "com.amazonaws.s3.Nope.GetObject")])
        let failure = try #require(Self.failure(Router.route(request, scopeService: "cloudtrail")))
        #expect(failure.wireProtocol == .json)
        #expect(failure.error.code == .unknownOperationException)
        #expect(failure.error.httpStatus == 400)
    }

    @Test("a request no rule claims is a rest-json UnknownOperationException (404)")
    func unknownRest() throws {
        let failure = try #require(
            Self.failure(Router.route(HTTPRequest(method: "GET", target: "/buckets"), scopeService: "s3")))
        #expect(failure.wireProtocol == .restJSON)
        #expect(failure.error.code == .unknownOperationException)
        #expect(failure.error.httpStatus == 404)
    }

    @Test("a form body with a bad percent escape is MalformedQueryString")
    func malformedForm() throws {
        let request = RouteCase.form("Action=GetCallerIdentity&Version=2011-06-15&X=%ZZ")
        let failure = try #require(Self.failure(Router.route(request, scopeService: "sts")))
        #expect(failure.wireProtocol == .query)
        #expect(failure.error.code == .malformedQueryString)
    }

    @Test("a form without Action is MissingAction")
    func missingAction() throws {
        let failure = try #require(Self.failure(Router.route(RouteCase.form("Version=2011-06-15"), scopeService: nil)))
        #expect(failure.error.code == .missingAction)
        #expect(failure.namespace == QueryEnvelope.stsNamespace)
    }

    static func failure(_ result: Result<Route, RoutingFailure>) -> RoutingFailure? {
        if case .failure(let failure) = result { failure } else { nil }
    }
}

/// Routing failures and unknown operations as the client sees them: each protocol's own error shape.
@Suite("Routing errors on the wire")
struct RoutingErrorResponseTests {
    let endpoint = TestEndpoint()

    @Test("an unknown query Action is an ErrorResponse with InvalidAction, after authentication")
    func unknownAction() {
        let response = endpoint.call(.sts, "Frobnicate", as: .root("111111111111"))
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "text/xml")
        #expect(response.xml?.root.name == "ErrorResponse")
        #expect(response.value("Error/Type") == "Sender")
        #expect(response.errorCode == "InvalidAction")
        #expect(response.errorMessage == "Could not find operation Frobnicate for version 2011-06-15")
        #expect(response.requestID == response.header("x-amzn-RequestId"))
    }

    @Test("a malformed form body is an XML MalformedQueryString with a request ID")
    func malformedForm() {
        let response = endpoint.send(RouteCase.form("Action=GetCallerIdentity&Version=2011-06-15&X=%E2%28"))
        #expect(response.errorCode == "MalformedQueryString")
        #expect(response.status == 404)
        #expect(response.requestID != nil && response.requestID == response.header("x-amzn-RequestId"))
    }

    @Test("an unknown rest path is 404 UnknownOperationException with x-amzn-ErrorType and a JSON message")
    func unknownRest() {
        let request = endpoint.sign(
            SigV4Request(method: "GET", path: "/buckets"), service: "s3", as: .root("111111111111"))
        let response = endpoint.send(request)
        #expect(response.status == 404)
        #expect(response.header("x-amzn-ErrorType") == "UnknownOperationException")
        #expect(response.json?["message"]?.stringValue?.isEmpty == false)
        #expect(response.header("x-amzn-RequestId") != nil)
    }

    @Test("an unknown JSON 1.1 target is 400 with __type and Message")
    func unknownTarget() {
        let request = HTTPRequest(
            method: "POST", target: "/",
            headers: [
                HTTPField("X-Amz-Target", "com.amazonaws.s3.Nope.GetObject"),
                HTTPField("Content-Type", "application/x-amz-json-1.1"),
            ],
            body: Array("{}".utf8))
        let response = endpoint.send(request)
        #expect(response.status == 400)
        #expect(response.json?["__type"]?.stringValue == "UnknownOperationException")
        #expect(response.json?["Message"]?.stringValue?.isEmpty == false)
    }

    /// The Authorization header is malformed, but its scope still says Bedrock: the client must get Bedrock's
    /// authentication error (spec §2.4, rest-json column), not a routing 404.
    @Test("a Bedrock request with an incomplete signature is 403 IncompleteSignatureException")
    func bedrockIncompleteSignature() {
        var request = endpoint.sign(
            SigV4Request(method: "GET", path: "/foundation-models"), service: "bedrock", as: .root("111111111111"))
        request.headers = request.headers.map { field in
            guard field.name == "Authorization", let cut = field.value.firstRange(of: ", Signature=") else {
                return field
            }
            return HTTPField(field.name, String(field.value[..<cut.lowerBound]))
        }
        let response = endpoint.send(request)
        #expect(response.status == 403)
        #expect(response.header("x-amzn-ErrorType") == "IncompleteSignatureException")
        #expect(
            response.json?["message"]?.stringValue?.hasPrefix("Authorization header requires 'Signature' parameter.")
                == true)
    }
}
