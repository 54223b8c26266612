import ConnectorKit
import Foundation
import Testing

/// The SaaS side of the set-up guide: External IDs, the trust policy, and the checks on what the customer types.
@Suite struct SetupTests {
    // MARK: External ID

    @Test func generatedExternalIDsFitAWSAndCarry160Bits() throws {
        let id = try ExternalID.generate()
        #expect(id.count == 40)
        #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        try ExternalID.validate(id)
    }

    @Test func generatedExternalIDsDoNotRepeat() throws {
        var seen = Set<String>()
        for _ in 0..<10_000 { seen.insert(try ExternalID.generate()) }
        #expect(seen.count == 10_000)
    }

    @Test(arguments: [
        "ab", "airia-7f3a9c-external", "A_b+c=d,e.f@g:h/i-j", String(repeating: "x", count: 1224),
    ])
    func externalIDsAWSAccepts(_ id: String) throws {
        try ExternalID.validate(id)
    }

    @Test(arguments: [
        ("", "it is empty"),
        ("a", "is 1 character long; AWS needs at least 2"),
        (String(repeating: "x", count: 1225), "it is 1225 characters long; AWS accepts at most 1224"),
        ("has space", "the character U+0020 is not allowed"),
        ("semi;colon", "the character \";\" is not allowed"),
        ("ünïcode", "the character \"ü\" is not allowed"),
        ("tab\there", "the character U+0009 is not allowed"),
    ])
    func externalIDsAWSRefuses(_ id: String, _ message: String) {
        let error = #expect(throws: SetupError.self) { try ExternalID.validate(id) }
        #expect(error?.field == .externalID)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    // MARK: Trust policy

    @Test func trustPolicyIsTheGuidesDocument() throws {
        let text = try TrustPolicy.render(systemAccountID: "808540602285", externalID: "airia-7f3a9c-external")
        // The guide's step 2 document, compact; both sides go through the same parser.
        let expected = #"""
            {"Version":"2012-10-17","Statement":[{"Sid":"AllowSystemAccount","Effect":"Allow",
            "Principal":{"AWS":"arn:aws:iam::808540602285:root"},"Action":"sts:AssumeRole",
            "Condition":{"StringEquals":{"sts:ExternalId":"airia-7f3a9c-external"}}}]}
            """#
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary)
        #expect(parsed.isEqual(reference))
        #expect(text.hasPrefix("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\""))
    }

    @Test func trustPolicyNamesThePartitionsRoot() throws {
        let text = try TrustPolicy.render(systemAccountID: "808540602285", externalID: "ab", partition: .awsCN)
        #expect(text.contains(#""AWS": "arn:aws-cn:iam::808540602285:root""#))
    }

    @Test(arguments: [
        ("80854060228", "has 11 digits"), ("8085406022850", "has 13 digits"),
        ("80854060228x", "characters other than digits"),
        ("", "it is empty"),
    ])
    func trustPolicyRefusesBadAccounts(_ account: String, _ message: String) {
        let error = #expect(throws: SetupError.self) {
            try TrustPolicy.render(systemAccountID: account, externalID: "airia-7f3a9c-external")
        }
        #expect(error?.field == .accountID)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func trustPolicyRefusesABadExternalID() {
        let error = #expect(throws: SetupError.self) {
            try TrustPolicy.render(systemAccountID: "808540602285", externalID: #"a"b"#)
        }
        #expect(error?.field == .externalID)
    }

    // MARK: Role ARN

    @Test(arguments: [
        ("arn:aws:iam::123456789012:role/airia-bedrock-access", Partition.aws, "/", "airia-bedrock-access"),
        ("arn:aws:iam::012345678901:role/a/b/Connector", .aws, "/a/b/", "Connector"),
        ("arn:aws-cn:iam::123456789012:role/cn_role+=,.@-", .awsCN, "/", "cn_role+=,.@-"),
        ("arn:aws-us-gov:iam::123456789012:role/service/x", .awsUSGov, "/service/", "x"),
        (
            "arn:aws:iam::123456789012:role/" + String(repeating: "n", count: 64), .aws, "/",
            String(repeating: "n", count: 64)
        ),
    ])
    func roleARNsAccepted(_ text: String, _ partition: Partition, _ path: String, _ name: String) throws {
        let arn = try RoleARN(parsing: text)
        #expect(arn.partition == partition)
        #expect(arn.path == path)
        #expect(arn.name == name)
        #expect(arn.description == text)
    }

    @Test(arguments: [
        ("", "it is empty"),
        ("airia-bedrock-access", "is not an ARN"),
        ("arn:aws:iam::123456789012", "is not an ARN"),
        ("arn:aws-iso:iam::123456789012:role/x", "unknown partition \"aws-iso\""),
        ("arn:aws:sts::123456789012:role/x", "the service is \"sts\""),
        ("arn:aws:iam:us-east-1:123456789012:role/x", "names the region \"us-east-1\""),
        ("arn:aws:iam::12345678901:role/x", "has 11 digits"),
        ("arn:aws:iam::1234567890123:role/x", "has 13 digits"),
        ("arn:aws:iam::12345678901a:role/x", "characters other than digits"),
        ("arn:aws:iam::123456789012:user/alice", "the resource is a \"user\", not a role"),
        ("arn:aws:iam::123456789012:root", "the resource is a \"root\", not a role"),
        ("arn:aws:iam::123456789012:role/", "the role name is missing"),
        ("arn:aws:iam::123456789012:role/a/b/", "the role name is missing"),
        (
            "arn:aws:iam::123456789012:role/" + String(repeating: "n", count: 65),
            "65 characters long; IAM allows at most 64"
        ),
        ("arn:aws:iam::123456789012:role/has space", "the character U+0020"),
        ("arn:aws:iam::123456789012:role/star*", "the character \"*\""),
        ("arn:aws:iam::123456789012:role//x", "empty between its slashes"),
        ("arn:aws:iam::123456789012:role/a b/x", "the role path has the character U+0020"),
        (
            "arn:aws:iam::123456789012:role/" + String(repeating: "p", count: 511) + "/x",
            "513 characters long; IAM allows at most 512"
        ),
    ])
    func roleARNsRefused(_ text: String, _ message: String) {
        let error = #expect(throws: SetupError.self) { try RoleARN(parsing: text) }
        #expect(error?.field == .roleARN)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func aRoleARNKnowsItsSessionsARN() throws {
        let arn = try RoleARN(parsing: "arn:aws:iam::123456789012:role/team/airia-bedrock-access")
        #expect(
            arn.assumedRoleARN(sessionName: "s1") == "arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/s1")
    }

    // MARK: Region

    @Test(arguments: [
        ("us-east-1", Partition.aws), ("ap-southeast-3", .aws), ("eu-central-2", .aws), ("il-central-1", .aws),
        ("us-gov-west-1", .awsUSGov), ("cn-northwest-1", .awsCN),
    ])
    func regionsAccepted(_ region: String, _ partition: Partition) throws {
        try Region.validate(region)
        try Region.validate(region, partition: partition)
    }

    @Test(arguments: [
        ("", nil as Partition?, "it is empty"),
        ("us-east", nil, "is not a region name"),
        ("US-EAST-1", nil, "is not a region name"),
        ("us-east-01", nil, "is not a region name"),
        ("useast1", nil, "is not a region name"),
        ("us-iso-east-1", nil, "is not a region name"),
        ("us-east-1 ", nil, "is not a region name"),
        ("cn-north-1", .aws, "cn-north-1 is in the aws-cn partition but the role is in aws"),
        ("us-east-1", .awsUSGov, "us-east-1 is in the aws partition but the role is in aws-us-gov"),
    ])
    func regionsRefused(_ region: String, _ partition: Partition?, _ message: String) {
        let error = #expect(throws: SetupError.self) { try Region.validate(region, partition: partition) }
        #expect(error?.field == .region)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    // MARK: Configuration

    @Test func configurationRoundTripsThroughJSON() throws {
        let configuration = ConnectionConfiguration(
            name: "Bedrock (prod)", roleARN: try RoleARN(parsing: "arn:aws:iam::123456789012:role/a/airia"),
            region: "us-east-1", externalID: "airia-7f3a9c-external")
        try configuration.validate()
        let data = try JSONEncoder().encode(configuration)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: String]
        #expect(object?["roleARN"] == "arn:aws:iam::123456789012:role/a/airia")
        #expect(try JSONDecoder().decode(ConnectionConfiguration.self, from: data) == configuration)
    }

    @Test func decodingChecksTheRoleARN() {
        let json =
            #"{"name":"x","roleARN":"arn:aws:iam::123456789012:user/alice","region":"us-east-1","externalID":"ab"}"#
        #expect(throws: SetupError.self) {
            try JSONDecoder().decode(ConnectionConfiguration.self, from: Data(json.utf8))
        }
    }

    @Test func validateNamesTheWrongField() throws {
        let arn = try RoleARN(parsing: "arn:aws-cn:iam::123456789012:role/r")
        let cases: [(ConnectionConfiguration, SetupError.Field)] = [
            (ConnectionConfiguration(name: "  ", roleARN: arn, region: "cn-north-1", externalID: "ab"), .name),
            (ConnectionConfiguration(name: "x", roleARN: arn, region: "cn-north-1", externalID: "a"), .externalID),
            (ConnectionConfiguration(name: "x", roleARN: arn, region: "cn-north-1", externalID: nil), .externalID),
            (ConnectionConfiguration(name: "x", roleARN: arn, region: "us-east-1", externalID: "ab"), .region),
        ]
        for (configuration, field) in cases {
            let error = #expect(throws: SetupError.self) { try configuration.validate() }
            #expect(error?.field == field)
        }
    }
}
