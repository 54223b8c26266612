import PolicyEngine
import SigV4
import Testing

@testable import Emulator

/// An endpoint, the root of `111111111111`, and an IAM user of that account (`intern`) with no policy.
struct IAMFixture: Sendable {
    static let account = "111111111111"
    static let root = Credentials.root(account)
    static let intern = Credentials(accessKeyID: "AKIAINTERNTESTKEY001", secretAccessKey: "intern-secret-key")
    static let internARN = "arn:aws:iam::\(account):user/intern"
    static let readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    static let trust = trust(principal: "arn:aws:iam::\(account):root")

    let endpoint = TestEndpoint()

    init() {
        endpoint.emulator.withState { state in
            state.withAccount(Self.account) { account in
                account.users["intern"] = User(
                    name: "intern", path: "/", id: "AIDAINTERNTESTUSER01", arn: Self.internARN, account: Self.account,
                    createDate: TestEndpoint.epoch, permissionsBoundaryARN: nil, tags: [], inlinePolicies: [],
                    attachedPolicyARNs: [], accessKeyIDs: [Self.intern.accessKeyID])
            }
            state.accessKeys[Self.intern.accessKeyID] = AccessKey(
                id: Self.intern.accessKeyID, secret: Self.intern.secretAccessKey, account: Self.account,
                userName: "intern", status: .active, createDate: TestEndpoint.epoch)
        }
    }

    static func trust(principal: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"sts:AssumeRole"}]}"#
    }

    static func allow(_ actions: [String]) -> String {
        let list = actions.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[\#(list)],"Resource":"*"}]}"#
    }

    /// A valid identity policy of about `size` characters, none of them white space.
    static func sizedPolicy(_ size: Int) -> String {
        let actions = (0..<(size / 20)).map { "\"s3:GetObject\($0)\"" }.joined(separator: ",")
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[\#(actions)],"Resource":"*"}]}"#
    }

    func call(_ action: String, _ parameters: KeyValuePairs<String, String> = [:], as credentials: Credentials = root)
        -> TestResponse
    {
        endpoint.call(.iam, action, parameters, as: credentials)
    }

    func call(_ action: String, _ parameters: [(String, String)], as credentials: Credentials = root) -> TestResponse {
        endpoint.call(.iam, action, parameters, as: credentials)
    }

    @discardableResult
    func createRole(_ name: String, extra: KeyValuePairs<String, String> = [:]) throws -> TestResponse {
        let parameters =
            [("RoleName", name), ("AssumeRolePolicyDocument", Self.trust)] + extra.map { ($0.key, $0.value) }
        return try call("CreateRole", parameters).succeeded("CreateRole \(name)")
    }

    /// Creates a customer managed policy; returns its ARN.
    func createPolicy(_ name: String, path: String = "/", document: String = allow(["s3:GetObject"])) throws -> String {
        let response = try call("CreatePolicy", ["PolicyName": name, "Path": path, "PolicyDocument": document])
            .succeeded("CreatePolicy \(name)")
        return try #require(response.value("Policy/Arn"))
    }

    /// Gives `intern` an inline policy (set directly in the state: user operations are not under test here).
    func grantIntern(_ document: String) throws {
        let policy = try IAMDocuments.store(document, kind: .identity, name: "grant", state: nil)
        endpoint.emulator.withState { state in
            state.withAccount(Self.account) {
                $0.users["intern"]?.inlinePolicies.append(InlinePolicy(name: "grant", policy: policy))
            }
        }
    }

    /// The `field` of every `member` of the list element `list` (or the members' own text when `field` is nil).
    static func members(_ response: TestResponse, _ list: String, field: String? = nil) -> [String] {
        let members = response.xml?.element(list)?.children.filter { $0.name == "member" } ?? []
        guard let field else { return members.map(\.text) }
        return members.compactMap { $0.firstDescendant(named: field)?.text }
    }

    /// Pages through a list operation with `MaxItems=1`, checking `IsTruncated` and `Marker` on every page.
    func pages(_ action: String, _ parameters: [(String, String)], list: String, field: String? = nil) throws
        -> [String]
    {
        var collected: [String] = []
        var marker: String?
        for _ in 0..<100 {
            let response = try call(action, parameters + [("MaxItems", "1")] + (marker.map { [("Marker", $0)] } ?? []))
                .succeeded(action)
            let items = Self.members(response, list, field: field)
            #expect(items.count <= 1)
            collected += items
            marker = response.value("Marker")
            #expect(response.value("IsTruncated") == (marker == nil ? "false" : "true"))
            if marker == nil { return collected }
        }
        throw TestEndpointError("\(action) never stopped paging")
    }
}

/// A suite that calls IAM as the root of `111111111111` on its own endpoint, with no user created up front
/// (unlike `IAMFixture`): the suites that create every user they use.
protocol IAMSuite {
    var endpoint: TestEndpoint { get }
}

extension IAMSuite {
    static var account: String { IAMFixture.account }
    static var root: Credentials { IAMFixture.root }

    @discardableResult
    func iam(
        _ action: String, _ parameters: KeyValuePairs<String, String> = [:], as credentials: Credentials = Self.root
    ) -> TestResponse {
        endpoint.call(.iam, action, parameters, as: credentials)
    }
}
