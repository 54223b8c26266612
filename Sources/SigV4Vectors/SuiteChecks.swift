import SigV4
import RoleplayCrypto

/// The checks a conformance runner makes on each published case (vectors README, "How a conformance
/// runner should use them"). Each returns failure descriptions; an empty list is a pass.
public enum SuiteChecks {
    /// Upstream defect: this `.sreq` carries get-vanilla's signature; a verifier must reject it.
    static let defectiveSignedRequests: Set<String> = ["aws4_testsuite/get-vanilla-with-session-token"]

    // MARK: Signer

    /// Signs the unsigned request and compares every stage: canonical request and string to sign byte for
    /// byte; SigV4 signature and signed request (as data); SigV4a signature verified with the published key.
    public static func signer(_ c: SuiteCase, _ mode: SuiteCase.Mode) -> [String] {
        guard let expected = c.expectations[mode] else { return [] }
        var failures: [String] = []
        do {
            let stageTime = amzDateLine(of: expected.canonicalRequest) ?? c.context.timestamp
            let staged = try sign(c, mode, at: stageTime)
            if staged.canonicalRequest != expected.canonicalRequest {
                failures.append("canonical request differs:\n--- expected\n\(expected.canonicalRequest)\n--- ours\n\(staged.canonicalRequest)")
            }
            if let sts = expected.stringToSign, staged.stringToSign != sts {
                failures.append("string to sign differs:\n--- expected\n\(sts)\n--- ours\n\(staged.stringToSign)")
            }
            let signed = stageTime == c.context.timestamp ? staged : try sign(c, mode, at: c.context.timestamp)
            if let signature = expected.signature, signed.signature != signature {
                failures.append("signature differs: expected \(signature), ours \(signed.signature)")
            }
            if c.set == .v4a {
                failures += ourSigV4aSignatureVerifies(c, signed)
            }
            if let published = expected.signedRequest, c.set != .legacy {
                failures += SignedRequestComparison.differences(
                    expected: published, actual: signed.request, ignoringSignature: c.set == .v4a)
            }
        } catch {
            failures.append("signing failed: \(error)")
        }
        return failures
    }

    static func sign(_ c: SuiteCase, _ mode: SuiteCase.Mode, at time: AmzDate) throws -> SignedRequest {
        switch mode {
        case .header: try c.signer.sign(c.request, at: time)
        case .query: try c.signer.presign(c.request, at: time, expires: c.context.expires)
        }
    }

    static func ourSigV4aSignatureVerifies(_ c: SuiteCase, _ signed: SignedRequest) -> [String] {
        guard let key = c.publicKey, let der = Hex.decode(signed.signature) else { return ["no public key or bad hex"] }
        return key.isValidSignature(der, for: signed.stringToSignValue.bytes)
            ? [] : ["our SigV4a signature does not verify with public-key.json"]
    }

    /// The `x-amz-date:` line of a canonical request: the time its stages were computed at.
    static func amzDateLine(of canonicalRequest: String) -> AmzDate? {
        for line in canonicalRequest.split(separator: "\n") where line.hasPrefix("x-amz-date:") {
            return AmzDate(amzFormat: line.dropFirst("x-amz-date:".count))
        }
        return nil
    }

    // MARK: SigV4a keys and published signatures

    /// The key derived from the credentials equals `public-key.json`, and every published signature (the
    /// signature files and the ones inside the signed requests) verifies with it.
    public static func sigV4aPublished(_ c: SuiteCase) -> [String] {
        guard c.set == .v4a, let key = c.publicKey else { return [] }
        var failures: [String] = []
        do {
            let derived = try P256PrivateKey.sigV4a(
                accessKeyID: c.context.credentials.accessKeyID, secretAccessKey: c.context.credentials.secretAccessKey)
            if derived.publicKey.x != key.x || derived.publicKey.y != key.y {
                failures.append("derived public key differs from public-key.json")
            }
        } catch {
            failures.append("key derivation failed: \(error)")
        }
        for mode in SuiteCase.Mode.allCases {
            guard let sts = c.expectations[mode]?.stringToSign else { continue }
            if let sig = c.publishedSignatures[mode], !(Hex.decode(sig).map { key.isValidSignature($0, for: Array(sts.utf8)) } ?? false) {
                failures.append("\(mode.rawValue)-signature.txt does not verify")
            }
        }
        return failures
    }

    // MARK: Verifier

    /// The verifier accepts the published signed request at the case's timestamp; signer-only cases and
    /// the known-defective `.sreq` must instead be rejected.
    public static func verifierAccepts(_ c: SuiteCase, _ mode: SuiteCase.Mode) -> [String] {
        guard let signed = c.expectations[mode]?.signedRequest else { return [] }
        let verdict = c.verifier.verify(signed, now: c.context.timestamp)
        let mustReject = c.isSignerOnly(mode) || defectiveSignedRequests.contains(c.description)
        switch (verdict, mustReject) {
        case (.valid, false), (.invalid, true): return []
        case (.valid, true): return ["accepted a request a standard verifier must reject"]
        case (.invalid(let failure), false): return ["rejected the published signed request: \(failure)"]
        }
    }

    /// Every single-part change of the published signed request is rejected.
    public static func verifierRejectsTampering(_ c: SuiteCase, _ mode: SuiteCase.Mode) -> [String] {
        guard let signed = c.expectations[mode]?.signedRequest, !c.isSignerOnly(mode),
            !defectiveSignedRequests.contains(c.description)
        else { return [] }
        var failures: [String] = []
        for tampering in Tampering.all(of: signed, case: c, mode: mode) {
            if case .valid = tampering.verifier.verify(tampering.request, now: tampering.now) {
                failures.append("accepted after tampering: \(tampering.label)")
            }
        }
        return failures
    }

    /// Every check of a case, labelled, for `roleplay vectors`.
    public static func all(_ c: SuiteCase) -> [(label: String, failures: [String])] {
        var results: [(String, [String])] = []
        for mode in SuiteCase.Mode.allCases where c.expectations[mode] != nil {
            results.append(("signer \(mode.rawValue)", signer(c, mode)))
            results.append(("verifier accepts \(mode.rawValue)", verifierAccepts(c, mode)))
            results.append(("verifier rejects tampered \(mode.rawValue)", verifierRejectsTampering(c, mode)))
        }
        if c.set == .v4a { results.append(("published SigV4a key and signatures", sigV4aPublished(c))) }
        return results
    }
}
