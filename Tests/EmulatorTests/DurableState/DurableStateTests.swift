import RoleplaySync
import AWSWire
import Foundation
import SigV4
import Synchronization
import Testing

@testable import Emulator

/// `--state-dir` (docs/persistence.md): state built through signed IAM and STS calls is back after a restart,
/// a restart being a new emulator on the same directory (the old one dropped without any shutdown, as after
/// `kill -9`: every record was handed to the kernel before its response).
@Suite("Durable state")
struct DurableStateTests {
    static let customer = Credentials.root(ConnectorFlow.customerAccount)
    static let boundary = "arn:aws:iam::aws:policy/AmazonBedrockReadOnly"

    @Test(
        "roles, users, keys, policies, tags, the boundary, RoleLastUsed and the clock survive a restart; old sessions still work"
    )
    func survivesRestart() throws {
        let directory = StateDirectoryFixture()
        let session: Credentials
        let roleID: String
        let connector: Credentials
        do {
            let endpoint = try directory.endpoint()
            let flow = try endpoint.connectorFlow()
            connector = flow.connector
            roleID = try #require(
                endpoint.call(.iam, "GetRole", ["RoleName": ConnectorFlow.roleName], as: Self.customer).value(
                    "Role/RoleId"))
            try iam(
                endpoint, "CreatePolicy",
                ["PolicyName": "invoke", "PolicyDocument": ConnectorFlow.allowPolicy(["bedrock:InvokeModel"])])
            let policyARN = "arn:aws:iam::\(ConnectorFlow.customerAccount):policy/invoke"
            try iam(
                endpoint, "CreatePolicyVersion",
                [
                    "PolicyArn": policyARN, "PolicyDocument": ConnectorFlow.allowPolicy(["bedrock:*"]),
                    "SetAsDefault": "true",
                ])
            try iam(endpoint, "AttachRolePolicy", ["RoleName": ConnectorFlow.roleName, "PolicyArn": policyARN])
            try iam(
                endpoint, "PutRolePolicy",
                [
                    "RoleName": ConnectorFlow.roleName, "PolicyName": "inline",
                    "PolicyDocument": ConnectorFlow.allowPolicy(["bedrock:List*"]),
                ])
            try iam(
                endpoint, "TagRole",
                ["RoleName": ConnectorFlow.roleName, "Tags.member.1.Key": "team", "Tags.member.1.Value": "ml"])
            try iam(
                endpoint, "PutRolePermissionsBoundary",
                ["RoleName": ConnectorFlow.roleName, "PermissionsBoundary": Self.boundary])
            session = try #require(try endpoint.assumeConnectorRole(flow).succeeded("AssumeRole").credentials)
            try endpoint.call(.sts, "GetCallerIdentity", as: session).succeeded("GetCallerIdentity as the session")
            try endpoint.advanceVirtualClock(seconds: 120).succeeded("clock")
        }

        let endpoint = try directory.endpoint()
        let role = try endpoint.call(.iam, "GetRole", ["RoleName": ConnectorFlow.roleName], as: Self.customer)
            .succeeded("GetRole")
        #expect(role.value("Role/RoleId") == roleID)
        #expect(role.value("Role/PermissionsBoundary/PermissionsBoundaryArn") == Self.boundary)
        #expect(role.value("Role/Tags/member/Key") == "team")
        #expect(role.value("Role/RoleLastUsed/LastUsedDate") == TestEndpoint.epoch.iso8601())
        #expect(role.value("Role/RoleLastUsed/Region") == "us-east-1")
        #expect(role.body.contains("sts%3AExternalId"), "the trust policy keeps its condition")
        let attached = try endpoint.call(
            .iam, "ListAttachedRolePolicies", ["RoleName": ConnectorFlow.roleName], as: Self.customer
        )
        .succeeded("ListAttachedRolePolicies")
        #expect(attached.values("PolicyName") == ["AmazonBedrockFullAccess", "invoke"])
        #expect(
            try endpoint.call(
                .iam, "GetRolePolicy", ["RoleName": ConnectorFlow.roleName, "PolicyName": "inline"], as: Self.customer
            ).succeeded("GetRolePolicy").value("PolicyName") == "inline")
        let policy = try endpoint.call(
            .iam, "GetPolicy", ["PolicyArn": "arn:aws:iam::\(ConnectorFlow.customerAccount):policy/invoke"],
            as: Self.customer
        ).succeeded("GetPolicy")
        #expect(policy.value("Policy/DefaultVersionId") == "v2")
        #expect(policy.value("Policy/AttachmentCount") == "1")
        #expect(endpoint.admin("GET", "/clock").json?["offset_seconds"]?.numberValue?.double == 120)

        // The session issued before the restart, and the user's long-term key, both still work.
        let caller = try endpoint.call(.sts, "GetCallerIdentity", as: session).succeeded(
            "GetCallerIdentity after restart")
        #expect(
            caller.value("GetCallerIdentityResult/Arn")
                == "arn:aws:sts::\(ConnectorFlow.customerAccount):assumed-role/\(ConnectorFlow.roleName)/connector-session"
        )
        let again = endpoint.call(.sts, "AssumeRole", ConnectorFlow.assumeRoleParameters(), as: connector)
        #expect(again.status == 200, "\(again)")
        #expect(directory.warnings.isEmpty, "\(directory.warnings)")
    }

    @Test("an access key made inactive stays inactive, and a deleted role stays deleted")
    func updatesAndDeletionsSurvive() throws {
        let directory = StateDirectoryFixture()
        let key: Credentials
        do {
            let endpoint = try directory.endpoint()
            key = try endpoint.createUser("dev", in: ConnectorFlow.customerAccount)
            try endpoint.createRole("gone", trust: ConnectorFlow.trustPolicy(), in: ConnectorFlow.customerAccount)
            try iam(
                endpoint, "UpdateAccessKey", ["UserName": "dev", "AccessKeyId": key.accessKeyID, "Status": "Inactive"])
            try iam(endpoint, "DeleteRole", ["RoleName": "gone"])
        }
        let endpoint = try directory.endpoint()
        let keys = try endpoint.call(.iam, "ListAccessKeys", ["UserName": "dev"], as: Self.customer).succeeded(
            "ListAccessKeys")
        #expect(keys.values("Status") == ["Inactive"])
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: key).status == 403)
        #expect(endpoint.call(.iam, "GetRole", ["RoleName": "gone"], as: Self.customer).errorCode == "NoSuchEntity")
    }

    @Test("a reset is journaled: after a restart, only what came after it is there, and older sessions fail")
    func resetSurvives() throws {
        let directory = StateDirectoryFixture()
        let before: Credentials
        do {
            let endpoint = try directory.endpoint()
            try endpoint.createRole("before", trust: ConnectorFlow.trustPolicy(), in: ConnectorFlow.customerAccount)
            before = try #require(
                try endpoint.call(.sts, "GetSessionToken", as: Self.customer).succeeded("GetSessionToken").credentials)
            try endpoint.advanceVirtualClock(seconds: 60).succeeded("clock")
            try endpoint.admin("POST", "/reset").succeeded("reset")
            try endpoint.createRole("after", trust: ConnectorFlow.trustPolicy(), in: ConnectorFlow.customerAccount)
        }
        let endpoint = try directory.endpoint()
        #expect(endpoint.call(.iam, "GetRole", ["RoleName": "before"], as: Self.customer).errorCode == "NoSuchEntity")
        #expect(endpoint.call(.iam, "GetRole", ["RoleName": "after"], as: Self.customer).status == 200)
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: before).status == 403)
        #expect(endpoint.admin("GET", "/clock").json?["offset_seconds"]?.numberValue?.double == 0)
    }

    @Test("a running server compacts its journal past the size, losing nothing written during the compaction")
    func compactsWhileRunning() throws {
        let directory = StateDirectoryFixture()
        let names = (1...40).map { "role-\($0)" }
        do {
            let endpoint = try directory.endpoint(compactionBytes: 4096)
            for name in names {
                try endpoint.createRole(name, trust: ConnectorFlow.trustPolicy(), in: ConnectorFlow.customerAccount)
            }
            let writer = try #require(endpoint.emulator.journal)
            let deadline = ContinuousClock.now.advanced(by: .seconds(20))
            while writer.output.withLock({ $0.compacting }), ContinuousClock.now < deadline { usleep(1000) }
            #expect(!writer.output.withLock { $0.compacting })
        }
        let bytes = try directory.journal()
        let snapshots = JournalFormat.frames(in: bytes).frames.count { frame in
            if case .account = JournalRecord(payload: Array(bytes[frame.payload]), policies: PolicyRecompiler()) {
                return true
            }
            return false
        }
        #expect(snapshots < names.count / 2, "one snapshot per CreateRole would be \(names.count)")
        let endpoint = try directory.endpoint()
        for name in names {
            #expect(endpoint.call(.iam, "GetRole", ["RoleName": name], as: Self.customer).status == 200, "\(name)")
        }
        #expect(directory.warnings.isEmpty, "\(directory.warnings)")
    }

    @Test("the directory is 0700 and every file in it 0600: it holds secret access keys")
    func permissions() throws {
        let directory = StateDirectoryFixture()
        let endpoint = try directory.endpoint()
        _ = try endpoint.createUser("dev", in: ConnectorFlow.customerAccount)
        #expect(try directory.permissions("") == 0o700)
        #expect(try directory.permissions("journal") == 0o600)
        #expect(try directory.permissions("lock") == 0o600)
    }

    @Test("a second emulator on a directory in use is refused, naming the directory")
    func lockedDirectory() throws {
        let directory = StateDirectoryFixture()
        let first = try directory.emulator()
        #expect {
            _ = try directory.emulator()
        } throws: { error in
            "\(error)".contains(directory.path) && "\(error)".contains("in use")
        }
        _ = first
    }

    @Test("a file that is not a journal is refused rather than overwritten")
    func foreignFile() throws {
        let directory = StateDirectoryFixture()
        _ = try directory.emulator()
        try directory.writeJournal(Array("not a journal at all".utf8))
        #expect(throws: StateDirectoryError.self) { _ = try directory.emulator() }
        #expect(try directory.journal() == Array("not a journal at all".utf8))
    }

    @Test("a seeded emulator cannot keep state (it would issue the same IDs and keys after a restart)")
    func refusesSeed() throws {
        let directory = StateDirectoryFixture()
        #expect(throws: StateDirectoryError.self) {
            _ = try TestEndpoint(
                seed: 7, make: { try Emulator(configuration: $0, stateDirectory: directory.path, warn: { _ in }) })
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test("CloudTrail events survive a restart with their event IDs; a reset drops them")
    func cloudTrailSurvivesRestart() throws {
        let directory = StateDirectoryFixture()
        let before: [JSONValue]
        do {
            let endpoint = try directory.endpoint()
            try endpoint.assumeConnectorRole(try endpoint.connectorFlow()).succeeded("AssumeRole")
            before = try endpoint.records("EventName", "AssumeRole", as: Self.customer)
            try #require(before.count == 1)
        }
        do {
            let endpoint = try directory.endpoint()
            let after = try endpoint.records("EventName", "AssumeRole", as: Self.customer)
            #expect(after.map { $0["eventID"] } == before.map { $0["eventID"] })
            #expect(
                after.first?["requestParameters"]?["externalId"] == before.first?["requestParameters"]?["externalId"])
            endpoint.emulator.reset()
        }
        let reset = try directory.endpoint()
        #expect(try reset.records("EventName", "AssumeRole", as: Self.customer).isEmpty)
    }

    @Test("without a state directory nothing is tracked")
    func memoryOnly() throws {
        let endpoint = TestEndpoint()
        try endpoint.createRole("r", trust: ConnectorFlow.trustPolicy(), in: ConnectorFlow.customerAccount)
        #expect(endpoint.emulator.state.changes == nil)
        #expect(endpoint.emulator.journal == nil)
    }

    private func iam(_ endpoint: TestEndpoint, _ action: String, _ parameters: KeyValuePairs<String, String>) throws {
        try endpoint.call(.iam, action, parameters, as: Self.customer).succeeded(action)
    }
}
