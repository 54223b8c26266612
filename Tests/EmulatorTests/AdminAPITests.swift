import AWSWire
import SigV4
import Testing

@testable import Emulator

/// The `/_roleplay/` control channel (contract "Admin API"): JSON in and out, unsigned, with a request ID.
@Suite("Admin API")
struct AdminAPITests {
    let endpoint = TestEndpoint()

    @Test("health reports ok, the version and virtual now")
    func health() throws {
        let response = endpoint.admin("GET", "/health")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("x-amzn-RequestId") != nil)
        let json = try #require(response.json)
        #expect(json["status"]?.stringValue == "ok")
        #expect(json["version"]?.stringValue == "dev")
        #expect(json["now"]?.stringValue == "2025-01-15T12:00:00Z")
    }

    @Test("clock advance_seconds moves virtual now and reports the offset")
    func advanceClock() throws {
        let response = endpoint.advanceVirtualClock(seconds: 3_600)
        #expect(response.status == 200)
        let json = try #require(response.json)
        #expect(json["now"]?.stringValue == "2025-01-15T13:00:00Z")
        #expect(json["offset_seconds"]?.numberValue?.int64 == 3_600)
        #expect(endpoint.admin("GET", "/health").json?["now"]?.stringValue == "2025-01-15T13:00:00Z")
        // The wall clock, which signatures are checked against, has not moved.
        #expect(endpoint.wallClock == TestEndpoint.epoch)
    }

    @Test("clock now sets virtual time to an instant")
    func setClock() throws {
        let response = endpoint.admin("POST", "/clock", body: #"{"now": "2030-01-01T00:00:00Z"}"#)
        #expect(response.status == 200)
        let json = try #require(response.json)
        #expect(json["now"]?.stringValue == "2030-01-01T00:00:00Z")
        #expect(json["offset_seconds"]?.numberValue?.int64 == 1_893_456_000 - TestEndpoint.epoch.secondsSince1970)
    }

    @Test(
        "a clock body that is not one of the two forms is 400 with a message",
        arguments: [
            "not json", "{}", #"{"advance_seconds": "soon"}"#, #"{"advance_seconds": 1e300}"#, #"{"now": "yesterday"}"#,
            #"{"now": 5}"#,
        ])
    func badClockBody(body: String) throws {
        let response = endpoint.admin("POST", "/clock", body: body)
        #expect(response.status == 400)
        let message = try #require(response.json?["message"]?.stringValue)
        #expect(!message.isEmpty)
        #expect(endpoint.admin("GET", "/health").json?["now"]?.stringValue == "2025-01-15T12:00:00Z")
    }

    @Test("reset forgets accounts and makes earlier temporary credentials invalid", arguments: [nil, 7] as [UInt64?])
    func reset(seed: UInt64?) throws {
        let endpoint = TestEndpoint(seed: seed)
        let issued = endpoint.call(.sts, "GetSessionToken", as: .root("111111111111"))
        let credentials = try #require(issued.credentials, "\(issued)")
        #expect(endpoint.emulator.state.account("111111111111") != nil)
        endpoint.advanceVirtualClock(seconds: 60)

        let response = endpoint.admin("POST", "/reset")
        #expect(response.status == 200)
        #expect(response.json?["status"]?.stringValue == "reset")
        #expect(endpoint.emulator.state.accounts.isEmpty)
        #expect(endpoint.admin("GET", "/state").json?["accounts"]?.arrayValue?.isEmpty == true)
        #expect(endpoint.admin("GET", "/health").json?["now"]?.stringValue == "2025-01-15T12:00:00Z")
        endpoint.call(.sts, "GetCallerIdentity", as: credentials).expectError(
            "InvalidClientTokenId", status: 403, message: "The security token included in the request is invalid.")
    }

    @Test("state lists accounts, users and roles, and never a secret")
    func stateMasksSecrets() throws {
        let flow = try endpoint.connectorFlow()
        let session = endpoint.call(.sts, "GetSessionToken", as: flow.connector)
        let temporary = try #require(session.credentials, "\(session)")

        let response = endpoint.admin("GET", "/state")
        #expect(response.status == 200)
        let accounts = try #require(response.json?["accounts"]?.arrayValue)
        let ids = accounts.compactMap { $0["id"]?.stringValue }
        #expect(ids.contains(ConnectorFlow.saasAccount) && ids.contains(ConnectorFlow.customerAccount))
        let saas = try #require(accounts.first { $0["id"]?.stringValue == ConnectorFlow.saasAccount })
        let user = try #require(saas["users"]?.arrayValue?.first)
        #expect(user["name"]?.stringValue == ConnectorFlow.userName)
        #expect(user["access_keys"]?.arrayValue?.first?["id"]?.stringValue == flow.connector.accessKeyID)
        #expect(user["access_keys"]?.arrayValue?.first?["secret"]?.stringValue == "****")
        for secret in [flow.connector.secretAccessKey, temporary.secretAccessKey] {
            #expect(!response.body.contains(secret))
        }
    }

    @Test("decisions explain a denied AssumeRole, naming sts:ExternalId")
    func decisionsExplainDenial() throws {
        let flow = try endpoint.connectorFlow()
        let denied = endpoint.assumeConnectorRole(flow, externalID: "wrong-external-id")
        denied.expectError("AccessDenied", status: 403)
        let requestID = try #require(denied.requestID)

        let response = endpoint.admin("GET", "/decisions?request_id=\(requestID)")
        #expect(response.status == 200)
        let json = try #require(response.json)
        #expect(json["request_id"]?.stringValue == requestID)
        let decisions = try #require(json["decisions"]?.arrayValue)
        let assume = try #require(decisions.first { $0["action"]?.stringValue == "sts:AssumeRole" })
        #expect(assume["resource"]?.stringValue == ConnectorFlow.roleARN)
        #expect(assume["decision"]?.stringValue == "implicitDeny")
        let explanation = try #require(assume["explanation"]?.arrayValue).compactMap(\.stringValue)
        #expect(explanation.contains { $0.contains("sts:ExternalId") }, "\(explanation)")
    }

    @Test("decisions of an unknown request ID are 404 with a message")
    func unknownRequestID() {
        let response = endpoint.admin("GET", "/decisions?request_id=00000000-0000-4000-8000-000000000000")
        #expect(response.status == 404)
        #expect(response.json?["message"]?.stringValue?.isEmpty == false)
    }

    @Test("decisions without a request_id is 400")
    func missingRequestID() {
        #expect(endpoint.admin("GET", "/decisions").status == 400)
    }

    @Test("an unknown admin path is 404 and a wrong method 405, both JSON with a request ID")
    func unknownPathAndMethod() {
        let unknown = endpoint.admin("GET", "/nope")
        #expect(unknown.status == 404)
        #expect(unknown.json?["message"] != nil)
        #expect(unknown.header("x-amzn-RequestId") != nil)
        #expect(endpoint.admin("DELETE", "/reset").status == 405)
    }

    @Test("admin calls need no signature even with signature checking on")
    func unsigned() {
        #expect(endpoint.emulator.configuration.signatureCheck)
        #expect(endpoint.admin("GET", "/state").status == 200)
    }
}
