import AWSWire
@testable import Scenarios
import Testing

/// The normaliser, the field diff, re-binding and the report's lines.
@Suite struct DiffTests {
    @Test func volatileMembersCompareEqualButTheirPresenceShows() {
        let a: JSONValue = ["RequestId": "1", "Credentials": ["AccessKeyId": "ASIAONE", "Expiration": "2025-01-01T00:00:00Z"]]
        let b: JSONValue = ["RequestId": "2", "Credentials": ["AccessKeyId": "ASIATWO", "Expiration": "2026-02-02T00:00:00Z"]]
        #expect(Normaliser.normalised(a) == Normaliser.normalised(b))
        let missing: JSONValue = ["RequestId": "2", "Credentials": ["Expiration": "2026-02-02T00:00:00Z"]]
        #expect(
            TreeDiff.changes(recorded: Normaliser.normalised(a), replayed: Normaliser.normalised(missing)).map(\.path)
                == ["Credentials.AccessKeyId"])
        #expect(Normaliser.normalised(["EventTime": nil]) == ["EventTime": nil], "null stays null")
    }

    @Test func idsTimesAndUUIDsInsideStringsAreReplaced() {
        #expect(
            Normaliser.normalised("AROAEUBARQ9HFNSOJ4CXD:session at 2026-11-26T23:47:44Z req 4ec11fd0-34d2-4020-9951-c4de31b5a031")
                == "<id>:session at <time> req <uuid>")
        #expect(Normaliser.normalised("arn:aws:iam::123456789012:role/r") == "arn:aws:iam::123456789012:role/r")
    }

    @Test func embeddedDocumentsAreDiffedInside() {
        let recorded: JSONValue = ["Role": ["AssumeRolePolicyDocument": "%7B%22Effect%22%3A%20%22Allow%22%7D"]]
        let replayed: JSONValue = ["Role": ["AssumeRolePolicyDocument": "%7B%22Effect%22%3A%20%22Deny%22%7D"]]
        let changes = TreeDiff.changes(recorded: Normaliser.normalised(recorded), replayed: Normaliser.normalised(replayed))
        #expect(changes == [TreeDiff.Change(path: "Role.AssumeRolePolicyDocument.Effect", recorded: "\"Allow\"", replayed: "\"Deny\"")])
        let event: JSONValue = ["CloudTrailEvent": #"{"eventID":"x","errorCode":"AccessDenied"}"#]
        #expect(Normaliser.normalised(event) == ["CloudTrailEvent": ["eventID": "<volatile>", "errorCode": "AccessDenied"]])
    }

    @Test func listsAndMissingMembersAreNamedByPath() {
        let changes = TreeDiff.changes(
            recorded: ["Roles": ["a", "b"], "Marker": "m"], replayed: ["Roles": ["a"], "IsTruncated": false])
        #expect(
            changes == [
                TreeDiff.Change(path: "Roles[1]", recorded: "\"b\"", replayed: TreeDiff.absent),
                TreeDiff.Change(path: "Marker", recorded: "\"m\"", replayed: TreeDiff.absent),
                TreeDiff.Change(path: "IsTruncated", recorded: TreeDiff.absent, replayed: "false"),
            ])
        #expect(TreeDiff.changes(recorded: ["a", nil], replayed: ["a"]).first?.recorded == "null")
        let long = String(repeating: "x", count: 1000)
        #expect(TreeDiff.changes(recorded: .string(long), replayed: "y").first?.recorded.count == TreeDiff.maxValueLength + 1)
    }

    @Test func generatedValuesAreReBoundInLaterRequests() {
        var bindings = Bindings()
        bindings.learn(
            recorded: ["AccessKey": ["AccessKeyId": "AKIAOLDOLDOLDOLD", "Status": "Active"], "Role": ["Arn": "arn:aws:iam::1:role/a b"]],
            replayed: ["AccessKey": ["AccessKeyId": "AKIANEWNEWNEWNEW", "Status": "Inactive"], "Role": ["Arn": "arn:aws:iam::2:role/a b"]])
        #expect(bindings.values == ["AKIAOLDOLDOLDOLD": "AKIANEWNEWNEWNEW", "arn:aws:iam::1:role/a b": "arn:aws:iam::2:role/a b"])
        #expect(bindings.apply("AccessKeyId=AKIAOLDOLDOLDOLD&X=Active") == "AccessKeyId=AKIANEWNEWNEWNEW&X=Active")
        #expect(bindings.apply("RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa+b") == "RoleArn=arn%3Aaws%3Aiam%3A%3A2%3Arole%2Fa+b")
        #expect(bindings.apply("/x/arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b") == "/x/arn%3Aaws%3Aiam%3A%3A2%3Arole%2Fa%20b")
    }

    @Test func statusAndErrorComeFirstAndAloneWhenTheStatusDiffers() {
        let recorded = RecordedResponse(status: 200, error: nil, headers: [], body: ["Credentials": ["AccessKeyId": "A"]])
        let replayed = RecordedResponse(status: 403, error: "AccessDenied", headers: [], body: ["Error": ["Code": "AccessDenied"]])
        let lines = ResponseComparison.differences(exchange: 6, label: "sts.AssumeRole", recorded: recorded, replayed: replayed)
        #expect(
            lines.map(\.description) == [
                "exchange 6 sts.AssumeRole: status: recorded 200 replayed 403",
                "exchange 6 sts.AssumeRole: error: recorded none replayed \"AccessDenied\"",
            ])
        let same = ResponseComparison.differences(
            exchange: 4, label: "iam.GetRole", recorded: recorded,
            replayed: RecordedResponse(status: 200, error: nil, headers: [], body: ["Credentials": ["AccessKeyId": "B"]]))
        #expect(same.isEmpty)
    }
}
