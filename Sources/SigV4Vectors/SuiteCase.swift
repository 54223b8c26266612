import Foundation
public import SigV4
public import RoleplayCrypto

/// One case of a published SigV4/SigV4a suite (aws-signing-test-suite v4 or v4a, botocore's older
/// aws4_testsuite, or the smithy-rs double-encoding extras), read from files as published.
public struct SuiteCase: Sendable, CustomStringConvertible {
    public enum Set: String, Sendable, CaseIterable {
        case v4 = "aws-signing-test-suite/v4"
        case v4a = "aws-signing-test-suite/v4a"
        case legacy = "aws4_testsuite"
        case smithyExtras = "smithy-rs-extras/v4"
    }

    /// Where the signature goes.
    public enum Mode: String, Sendable, CaseIterable {
        case header, query
    }

    /// What the case's files say the signer must produce in one mode.
    public struct Expectation: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String?
        /// Nil for SigV4a (ECDSA is randomized; signatures are verified, never compared).
        public var signature: String?
        /// The request after signing, as published.
        public var signedRequest: SigV4Request?
    }

    public var set: Set
    public var name: String
    public var context: SuiteContext
    /// The unsigned request.
    public var request: SigV4Request
    public var expectations: [Mode: Expectation]
    /// SigV4a: the published public key of the credentials.
    public var publicKey: P256PublicKey?
    /// SigV4a: the published signatures of the string to sign, one per mode.
    public var publishedSignatures: [Mode: String]

    public var description: String { "\(set.rawValue)/\(name)" }

    /// Cases whose query form a standard verifier cannot accept: the session token was appended to the
    /// URL after signing, so "canonical query = every parameter but X-Amz-Signature" cannot rebuild it.
    /// They stay signer-only tests (vectors README, "How a conformance runner should use them").
    public var isSignerOnly: (Mode) -> Bool {
        { [name] mode in mode == .query && name == "post-sts-header-after" }
    }

    /// The signer settings of this case.
    public var signer: Signer {
        Signer(
            credentials: context.credentials, region: context.region, service: context.service,
            algorithm: set == .v4a ? .ecdsaP256SHA256 : .hmacSHA256, options: context.options)
    }

    /// A verifier that serves this case's service with its normalization policy, knowing only its key.
    public var verifier: Verifier {
        let credentials = context.credentials
        return Verifier(clockSkew: 300, options: context.verifierOptions) { id in
            id == credentials.accessKeyID ? credentials.secretAccessKey : nil
        }
    }
}

/// A case's signing settings (`context.json`, or the fixed settings of the older suite).
public struct SuiteContext: Sendable {
    public var credentials: Credentials
    public var region: String
    public var service: String
    public var timestamp: AmzDate
    public var normalize: Bool
    public var signBody: Bool
    public var omitSessionToken: Bool
    public var expires: Int

    /// Signer options: the suites always double-encode and hash the payload.
    public var options: SigningOptions {
        SigningOptions(
            normalizePath: normalize, doubleEncodePath: true, payload: .hashBody, addContentSHA256Header: signBody,
            signSessionToken: !omitSessionToken)
    }

    /// The verifier applies the same canonicalization as the service it serves.
    public var verifierOptions: SigningOptions {
        SigningOptions(normalizePath: normalize, doubleEncodePath: true, payload: .hashBody)
    }
}
