import RoleplaySync
import AWSWire
import SigV4
import Synchronization

/// Step 3 of the pipeline: who is calling, and did they sign this very request?
///
/// Identity first (unknown key, forged or expired token), then the signature and its time against the wall
/// clock. Every failure is the protocol's own error (`AuthFailure.wireError`), and a mismatch's canonical
/// request is kept for the decision log, never sent.
extension Emulator {
    struct Authenticated {
        var identity: Identity
        var region: String
        /// Virtual now and the token keys, read in the same critical section as the identity.
        var now: AmzDate
        var tokens: SessionTokenCodec
    }

    /// - Parameters:
    ///   - signed: the request as the verifier reads it.
    ///   - signature: its signature parameters, parsed once by the pipeline (routing read the scope from them).
    func authenticate(
        _ signed: SigV4Request, signature: Result<SignatureParameters, AuthFailure>, service: Service
    ) throws(AWSError) -> Authenticated {
        let parameters: SignatureParameters
        switch signature {
        case .success(let parsed): parameters = parsed
        case .failure(.missingAuthentication) where !configuration.signatureCheck:
            let identity = IdentityResolver.root(account: IdentityResolver.defaultAccount, accessKeyID: "test")
            let (now, tokens) = core.withLock { ($0.state.clock.now(), $0.tokens) }
            return Authenticated(identity: identity, region: configuration.defaultRegion, now: now, tokens: tokens)
        case .failure(let failure): throw Self.wireError(failure, service)
        }
        let (resolved, now, tokens) = core.withLock { core in
            let now = core.state.clock.now()
            let resolved = IdentityResolver(state: core.state, tokens: core.tokens, now: now.secondsSince1970)
                .resolve(accessKeyID: parameters.accessKeyID, sessionToken: parameters.sessionToken)
            return (resolved, now, core.tokens)
        }
        let identity: Identity
        let secret: String
        switch resolved {
        case .success(let found): (identity, secret) = found
        case .failure(let failure): throw Self.wireError(failure, service)
        }
        if configuration.signatureCheck {
            let verdict = verifiers.verifier(for: service, secret: secret).verify(signed, parameters: parameters, now: configuration.wallClock())
            if case .invalid(let failure) = verdict { throw Self.wireError(failure, service) }
        }
        return Authenticated(identity: identity, region: parameters.scope.region, now: now, tokens: tokens)
    }

    /// The authentication failure as `service`'s protocol sends it.
    static func wireError(_ failure: AuthFailure, _ service: Service) -> AWSError {
        let (code, status, message) = failure.wireError(for: service.authProtocol)
        return AWSError(wireCode: code, message: message, httpStatus: status)
            ?? AWSError(code: .internalFailure, message: message, httpStatus: status)
    }
}
