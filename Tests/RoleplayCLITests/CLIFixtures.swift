import ArgumentParser
import Foundation
import SigV4
import Testing

@testable import RoleplayCLI

/// Shared inputs of the CLI tests: the published suites' example credentials and time, a few raw requests,
/// and helpers that parse a command line with `Roleplay.parseAsRoot` and run it in-process.
enum CLIFixtures {
    static let accessKeyID = "AKIDEXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let time = "20150830T123600Z"
    static let signingTime = AmzDate(amzFormat: time)!
    /// A clock that is nowhere near `time`, so a test that forgets `--time` fails visibly.
    static let unrelatedNow = AmzDate(amzFormat: "20300101T000000Z")!

    /// `get-vanilla` of aws-signing-test-suite v4; its header signature is published as `5fa00fa3…`.
    static let getVanilla = "GET / HTTP/1.1\nHost:example.amazonaws.com\n\n"
    static let getVanillaSignature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"

    /// An STS AssumeRole form POST with an External ID.
    static let assumeRole = """
        POST / HTTP/1.1
        Host: sts.us-east-1.amazonaws.com
        Content-Type: application/x-www-form-urlencoded; charset=utf-8
        Content-Length: 138

        Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fconnector\
        &RoleSessionName=s1&ExternalId=ext-7f3a9c
        """

    /// A Bedrock Runtime InvokeModel POST whose model ID contains `:`, sent as `%3A` (as SDKs do).
    static let invokeModel = """
        POST /model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke HTTP/1.1
        Host: bedrock-runtime.us-east-1.amazonaws.com
        Content-Type: application/json
        Accept: application/json
        Content-Length: 72

        {"anthropic_version":"bedrock-2023-05-31","max_tokens":16,"messages":[]}
        """

    /// The credential options every signing test passes.
    static let credentialArguments = ["--access-key-id", accessKeyID, "--secret-access-key", secret]

    /// Parses `roleplay <arguments>` and returns the subcommand, which must be a `C`.
    static func parse<C: ParsableCommand>(_ arguments: [String], as type: C.Type = C.self) throws -> C {
        let command = try Roleplay.parseAsRoot(arguments)
        return try #require(command as? C, "parsed \(Swift.type(of: command)), not \(C.self)")
    }

    /// Runs `roleplay sign <arguments>` over `request`.
    static func sign(
        _ arguments: [String], _ request: String, environment: [String: String] = [:], now: AmzDate = unrelatedNow
    ) throws -> CommandOutput {
        let command: Roleplay.Sign = try parse(["sign"] + arguments)
        return try command.execute(input: Array(request.utf8), environment: environment, now: now)
    }

    /// Runs `roleplay verify <arguments>` over `request`.
    static func verify(
        _ arguments: [String], _ request: [UInt8], expectedCanonical: String? = nil,
        environment: [String: String] = [:], now: AmzDate = unrelatedNow
    ) throws -> CommandOutput {
        let command: Roleplay.Verify = try parse(["verify"] + arguments)
        return try command.execute(
            input: request, expectedCanonical: expectedCanonical, environment: environment, now: now)
    }

    /// The text ArgumentParser prints for a parse or validation error.
    static func parseError(_ arguments: [String]) -> String? {
        do {
            _ = try Roleplay.parseAsRoot(arguments)
            return nil
        } catch {
            return Roleplay.message(for: error)
        }
    }
}
