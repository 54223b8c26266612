import PolicyEngine
import SigV4
import Testing

@testable import Emulator

/// The journal writes each state type field by field (`AccountState+Journal.swift`); a field added to a type
/// and not to the journal would silently be lost on restart. These lists are what the journal writes: when a
/// type gains a field, this test fails until the field is journaled and added here, or listed as deliberately
/// left out with the reason.
@Suite("Journal field coverage")
struct JournalFieldCoverageTests {
    struct Coverage: Sendable, CustomTestStringConvertible {
        var type: String
        var value: @Sendable () -> Any
        var journaled: [String]
        /// Fields the journal leaves out on purpose: each has its reason where the list is written.
        var leftOut: [String] = []
        var testDescription: String { type }
    }

    static let date = AmzDate(secondsSince1970: 0)
    static let policy = StoredPolicy(
        text: "{}", compiled: PolicyRecompiler().compile(IAMFixture.trust, kind: .trust, name: "p")!)

    static let cases: [Coverage] = [
        Coverage(
            type: "EmulatorState", value: { EmulatorState(clock: VirtualClock()) },
            journaled: ["accounts", "accessKeys", "clock", "changes"],
            // The lag comes from the command line of each start; scripted Bedrock answers are a test harness's
            // set-up for one run, like fault rules (docs/persistence.md).
            leftOut: ["roleLastUsedLag", "bedrockResponses"]),
        Coverage(
            type: "AccountState", value: { AccountState(id: "111111111111") },
            journaled: ["id", "roles", "users", "policies"]),
        Coverage(
            type: "Role",
            value: {
                Role(
                    name: "r", path: "/", id: "AROA", arn: "arn", account: "1", createDate: date, trustPolicy: policy,
                    description: nil, maxSessionDuration: 3600, permissionsBoundaryARN: nil, tags: [],
                    inlinePolicies: [],
                    attachedPolicyARNs: [], lastUsed: nil)
            },
            journaled: [
                "name", "path", "id", "arn", "account", "createDate", "trustPolicy", "description",
                "maxSessionDuration", "permissionsBoundaryARN", "tags", "inlinePolicies", "attachedPolicyARNs",
                "lastUsed", "pendingUses",
            ]),
        Coverage(
            type: "User",
            value: {
                User(
                    name: "u", path: "/", id: "AIDA", arn: "arn", account: "1", createDate: date,
                    permissionsBoundaryARN: nil,
                    tags: [], inlinePolicies: [], attachedPolicyARNs: [], accessKeyIDs: [])
            },
            journaled: [
                "name", "path", "id", "arn", "account", "createDate", "permissionsBoundaryARN", "tags",
                "inlinePolicies", "attachedPolicyARNs", "accessKeyIDs",
            ]),
        Coverage(
            type: "ManagedPolicy",
            value: {
                ManagedPolicy(
                    name: "p", path: "/", id: "ANPA", arn: "arn", description: nil, createDate: date, updateDate: date,
                    versions: [], defaultVersionID: "v1", nextVersionNumber: 2, tags: [])
            },
            journaled: [
                "name", "path", "id", "arn", "description", "createDate", "updateDate", "versions",
                "defaultVersionID", "nextVersionNumber", "tags",
            ]),
        Coverage(
            type: "ManagedPolicy.Version", value: { ManagedPolicy.Version(id: "v1", policy: policy, createDate: date) },
            journaled: ["id", "policy", "createDate"]),
        Coverage(
            type: "AccessKey",
            value: {
                AccessKey(id: "AKIA", secret: "s", account: "1", userName: "u", status: .active, createDate: date)
            }, journaled: ["id", "secret", "account", "userName", "status", "createDate"]),
        Coverage(type: "StoredPolicy", value: { policy }, journaled: ["text", "compiled"]),
        Coverage(
            type: "InlinePolicy", value: { InlinePolicy(name: "i", policy: policy) }, journaled: ["name", "policy"]),
        Coverage(type: "Tag", value: { Tag(key: "k", value: "v") }, journaled: ["key", "value"]),
    ]

    @Test("every stored field of a state type is one the journal writes", arguments: cases)
    func fieldsAreJournaled(_ coverage: Coverage) {
        let fields = Mirror(reflecting: coverage.value()).children.compactMap(\.label)
        #expect(
            fields.filter { !coverage.leftOut.contains($0) } == coverage.journaled, "journal the new field in AccountState+Journal.swift / JournalRecord.swift")
    }
}
