import AWSWire
import SigV4
import Testing

/// The verifier's authentication errors (SigV4) must all be codes the wire layer (AWSWire) can send, with the
/// statuses of spec §2.4: the two modules meet here, as they will in the emulator.
@Suite("Authentication errors reach the wire")
struct AuthErrorCodesTests {
    static let failures: [AuthFailure] = [
        .missingAuthentication, .incompleteSignature("m"), .unknownAccessKey("AKID"), .expiredToken,
        .signatureMismatch(canonicalRequest: "c", stringToSign: "s"), .signatureRejected("m"),
    ]

    @Test("every failure, over every protocol, is a code AWSWire lists", arguments: failures)
    func everyFailureIsAListedCode(_ failure: AuthFailure) {
        for wire in [AuthFailure.WireProtocol.query, .json, .restJSON] {
            let (code, status, message) = failure.wireError(for: wire)
            let error = AWSError(wireCode: code, message: message, httpStatus: status)
            #expect(error != nil, "\(code) over \(wire) is not in AWSError.Code")
            #expect(error?.httpStatus == status)
        }
    }

    @Test("an expired session token answers as spec 2.4 says")
    func expiredToken() {
        let expected = [
            ("ExpiredToken", 403), ("ExpiredTokenException", 400), ("ExpiredTokenException", 403),
        ]
        for (wire, (code, status)) in zip([AuthFailure.WireProtocol.query, .json, .restJSON], expected) {
            let answer = AuthFailure.expiredToken.wireError(for: wire)
            #expect(answer.code == code && answer.status == status)
            #expect(answer.message == "The security token included in the request is expired")
        }
    }
}
