import SigV4

/// Credentials, clock and requests shaped like the emulator's traffic (aws-wire-facts §2), shared by the
/// verifier, round-trip and fuzz tests.
enum Fixture {
    static let longTerm = Credentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let temporary = Credentials(
        accessKeyID: "ASIAQNZGKIQY3EXAMPLE", secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        sessionToken: "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample==")
    static let unknownAccessKeyID = "AKIAUNKNOWNEXAMPLE00"

    /// The signing time of every fixture, `20250115T120000Z`.
    static let now = AmzDate(secondsSince1970: 1_736_942_400)

    static let secrets: [String: String] = [
        longTerm.accessKeyID: longTerm.secretAccessKey, temporary.accessKeyID: temporary.secretAccessKey,
    ]

    /// A verifier that knows both fixture key pairs.
    static func verifier(clockSkew: Int64 = 900, options: SigningOptions? = nil) -> Verifier {
        Verifier(clockSkew: clockSkew, options: options) { secrets[$0] }
    }

    static let userAgent = HTTPHeader("User-Agent", "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux")

    static let assumeRoleBody =
        "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fconnector"
        + "&RoleSessionName=roleplay-session&ExternalId=ext-7f3a9c&DurationSeconds=3600"

    /// STS AssumeRole with External ID, a query-protocol form POST.
    static let stsAssumeRole = SigV4Request(
        method: "POST", path: "/",
        headers: [
            HTTPHeader("Host", "sts.amazonaws.com"),
            HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), userAgent,
        ],
        body: Array(assumeRoleBody.utf8))

    /// STS GetCallerIdentity as a GET with its parameters in the query (the presigned form).
    static let stsGetCallerIdentity = SigV4Request(
        method: "GET", path: "/", query: "Action=GetCallerIdentity&Version=2011-06-15",
        headers: [HTTPHeader("Host", "sts.amazonaws.com")])

    static let bedrockBody = Array(
        (#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":256,"messages":[{"role":"user","content":"#
            + #""Summarize the attached CloudTrail events. "# + String(repeating: "Événement ✓ ", count: 60)
            + #""}]}"#).utf8)

    /// Bedrock InvokeModel: a model ID with `:` sent as `%3A`.
    static let bedrockInvoke = SigV4Request(
        method: "POST", path: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke",
        headers: [
            HTTPHeader("Host", "bedrock-runtime.us-east-1.amazonaws.com"),
            HTTPHeader("Content-Type", "application/json"), HTTPHeader("Accept", "application/json"), userAgent,
        ],
        body: bedrockBody)

    /// Bedrock Converse on an inference-profile ARN: `:` as `%3A` and `/` as `%2F` in one path segment.
    static let bedrockConverseARN = SigV4Request(
        method: "POST",
        path: "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2F"
            + "us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse",
        headers: [
            HTTPHeader("Host", "bedrock-runtime.us-east-1.amazonaws.com"),
            HTTPHeader("Content-Type", "application/json"),
        ],
        body: Array(#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#.utf8))

    /// Bedrock control plane: a GET with query filters.
    static let bedrockListModels = SigV4Request(
        method: "GET", path: "/foundation-models", query: "byProvider=Anthropic&byOutputModality=TEXT",
        headers: [HTTPHeader("Host", "bedrock.us-east-1.amazonaws.com")])

    /// CloudTrail LookupEvents, JSON 1.1.
    static let cloudTrailLookup = SigV4Request(
        method: "POST", path: "/",
        headers: [
            HTTPHeader("Host", "cloudtrail.us-east-1.amazonaws.com"),
            HTTPHeader("Content-Type", "application/x-amz-json-1.1"),
            HTTPHeader("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"),
        ],
        body: Array(
            #"{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"AssumeRole"}],"MaxResults":5}"#.utf8))

    /// IAM ListRoles with a path prefix, a query-protocol GET.
    static let iamListRoles = SigV4Request(
        method: "GET", path: "/", query: "Action=ListRoles&Version=2010-05-08&PathPrefix=%2Fconnectors%2F",
        headers: [HTTPHeader("Host", "iam.amazonaws.com")])

    /// Percent-encoded UTF-8 in the path and in query keys and values, and an empty value.
    static let unicodeEncoded = SigV4Request(
        method: "GET", path: "/caf%C3%A9/%E1%88%B4/r%C3%A9sum%C3%A9.txt",
        query: "name=%E2%9C%93%20ok&empty=&%F0%9F%98%80=smile&z=1&a=2",
        headers: [HTTPHeader("Host", "example.amazonaws.com")])

    /// Raw UTF-8 in the path and query, as the published suites write it.
    static let unicodeRaw = SigV4Request(
        method: "GET", path: "/ሴ/é", query: "q=ü&ключ=значение",
        headers: [HTTPHeader("Host", "example.amazonaws.com"), HTTPHeader("My-Header", "a   b")])
}
