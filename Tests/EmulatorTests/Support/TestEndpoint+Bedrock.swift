import AWSWire
import Foundation
import SigV4

@testable import Emulator

extension TestEndpoint {
    /// A signed Bedrock control-plane `GET`, as botocore sends it: no body, no `Content-Type`, signing name
    /// `bedrock`.
    /// - Parameters:
    ///   - path: the path as sent, already percent-encoded (`/foundation-models/arn%3Aaws%3A…`).
    ///   - query: the query string without `?`.
    func bedrock(_ path: String, query: String = "", as credentials: Credentials, region: String = "us-east-1")
        -> TestResponse
    {
        send(
            sign(
                SigV4Request(method: "GET", path: path, query: query), service: "bedrock", as: credentials,
                region: region))
    }

    /// `/` and `:` percent-encoded, as SDKs send an identifier (spec §1.2 step 5).
    static func pathSegment(_ identifier: String) -> String {
        identifier.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "/", with: "%2F")
    }

    /// A role of `account` with the AWS managed policy `policy` attached, and a session of it (assumed by a user of
    /// the account, as root may not assume roles).
    func session(withManagedPolicy policy: String, in account: String = "111111111111") throws -> Credentials {
        let root = Credentials.root(account)
        let trust =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(account):root"},"Action":"sts:AssumeRole"}]}"#
        try createRole("reader", trust: trust, in: account)
        try call(
            .iam, "AttachRolePolicy", ["RoleName": "reader", "PolicyArn": "arn:aws:iam::aws:policy/\(policy)"], as: root
        )
        .succeeded("AttachRolePolicy")
        let user = try createUser("assumer", in: account, allowing: ["sts:AssumeRole"])
        let assumed = call(
            .sts, "AssumeRole", ["RoleArn": "arn:aws:iam::\(account):role/reader", "RoleSessionName": "session"],
            as: user)
        guard let credentials = assumed.credentials else { throw TestEndpointError("AssumeRole failed: \(assumed)") }
        return credentials
    }
}
