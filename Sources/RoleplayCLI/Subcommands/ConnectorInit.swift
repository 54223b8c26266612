import ArgumentParser
import ConnectorKit

extension Roleplay.Connector {
    /// `roleplay connector init`: what the set-up page shows (step 1 of the guide): a fresh External ID, the
    /// trust policy naming it, and what the customer does next.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new External ID and the trust policy for the customer's role.",
            discussion: """
                The External ID has 160 random bits. Each run makes a new one, which no longer matches a role \
                created with an earlier one (as reloading a set-up page does): keep the one the role was made with. \
                Exit code 0, or 2 for an invalid --system-account or --external-id.
                """)

        @Option(
            name: .customLong("system-account"),
            help: ArgumentHelp("The SaaS's AWS account, which the trust policy names (12 digits).", valueName: "id"))
        var systemAccount: String

        @Option(
            name: .customLong("external-id"),
            help: ArgumentHelp("Use this External ID instead of generating one.", valueName: "id"))
        var externalID: String?

        @Flag(help: "Print one JSON object instead of text.")
        var json = false

        func run() throws {
            try execute().emit()
        }

        /// The External ID, the trust policy and the next steps, as text or JSON.
        func execute() throws -> CommandOutput {
            var out = CommandOutput()
            let id: String
            let policy: String
            do throws(SetupError) {
                if let externalID { id = externalID } else { id = try ExternalID.generate() }
                policy = try TrustPolicy.render(systemAccountID: systemAccount, externalID: id)
            } catch {
                let flag = error.field == .accountID ? "--system-account" : "--external-id"
                out.note("Error: \(flag): \(error)")
                out.exitCode = 2
                return out
            }
            if json {
                out.line(
                    try JSONOutput.encode(
                        InitOutput(
                            systemAccount: systemAccount, externalID: id, trustPolicy: policy, nextSteps: Self.nextSteps
                        )))
                return out
            }
            out.line("External ID: \(id)")
            out.line()
            out.line("Trust policy (the role's custom trust policy):")
            out.line(policy)
            out.line()
            out.line("Next steps, in the customer's AWS account:")
            for (index, step) in Self.nextSteps.enumerated() { out.line("  \(index + 1). \(step)") }
            return out
        }

        /// The guide's steps 2–5, short.
        static let nextSteps = [
            "IAM → Roles → Create role → Custom trust policy: paste the trust policy above.",
            "Attach AmazonBedrockFullAccess, or a policy allowing bedrock:InvokeModel, "
                + "bedrock:InvokeModelWithResponseStream and bedrock:ListFoundationModels.",
            "Name the role (e.g. airia-bedrock-access), create it, and copy its ARN.",
            "Give the SaaS the role ARN and the region, then check the connection: "
                + "roleplay connector check --role-arn ARN --external-id ID --region REGION",
        ]
    }
}

/// `connector init --json`.
struct InitOutput: Encodable {
    var systemAccount: String
    var externalID: String
    /// The document as text, exactly as it is to be pasted.
    var trustPolicy: String
    var nextSteps: [String]
}
