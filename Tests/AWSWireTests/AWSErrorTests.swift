import AWSWire
import Testing

@Suite("AWSError codes, statuses and the per-protocol auth table")
struct AWSErrorTests {
    @Test("every code has the status the spec gives it")
    func statuses() {
        let expected: [(AWSError.Code, String, Int)] = [
            (.accessDenied, "AccessDenied", 403), (.accessDeniedException, "AccessDeniedException", 403),
            (.validationError, "ValidationError", 400), (.validationException, "ValidationException", 400),
            (.malformedPolicyDocument, "MalformedPolicyDocument", 400), (.noSuchEntity, "NoSuchEntity", 404),
            (.entityAlreadyExists, "EntityAlreadyExists", 409), (.limitExceeded, "LimitExceeded", 409),
            (.deleteConflict, "DeleteConflict", 409), (.concurrentModification, "ConcurrentModification", 409),
            (.serviceFailure, "ServiceFailure", 500), (.invalidInput, "InvalidInput", 400),
            (.invalidParameterValue, "InvalidParameterValue", 400), (.missingParameter, "MissingParameter", 400),
            (.invalidAction, "InvalidAction", 400), (.unknownOperationException, "UnknownOperationException", 400),
            (.throttling, "Throttling", 400), (.throttlingException, "ThrottlingException", 429),
            (.serviceUnavailable, "ServiceUnavailable", 503), (.internalFailure, "InternalFailure", 500),
            (.resourceNotFoundException, "ResourceNotFoundException", 404), (.expiredToken, "ExpiredToken", 403),
            (.invalidClientTokenID, "InvalidClientTokenId", 403),
            (.signatureDoesNotMatch, "SignatureDoesNotMatch", 403),
            (.incompleteSignature, "IncompleteSignature", 400),
            (.missingAuthenticationToken, "MissingAuthenticationToken", 403),
            (.packedPolicyTooLarge, "PackedPolicyTooLarge", 400),
            (.regionDisabledException, "RegionDisabledException", 403),
            (.internalServerException, "InternalServerException", 500),
            (.modelTimeoutException, "ModelTimeoutException", 408),
            (.modelErrorException, "ModelErrorException", 424),
            (.modelNotReadyException, "ModelNotReadyException", 429),
            (.serviceQuotaExceededException, "ServiceQuotaExceededException", 400),
            (.serviceUnavailableException, "ServiceUnavailableException", 503),
            (.invalidTimeRangeException, "InvalidTimeRangeException", 400),
        ]
        for (code, wire, status) in expected {
            #expect(code.rawValue == wire)
            #expect(code.httpStatus == status, "\(wire)")
            #expect(AWSError.Code(rawValue: wire) == code)
        }
    }

    @Test("wire names are unique and round-trip")
    func uniqueNames() {
        let names = AWSError.Code.allCodes.map(\.rawValue)
        #expect(Set(names).count == names.count)
        for code in AWSError.Code.allCodes { #expect(AWSError.Code(rawValue: code.rawValue) == code) }
        #expect(AWSError.Code(rawValue: "NoSuchThing") == nil)
    }

    @Test("fault type follows the status: Receiver only for 5xx")
    func fault() {
        #expect(AWSError.internalFailure("x").fault == .receiver)
        #expect(AWSError(code: .serviceUnavailable, message: "x").fault == .receiver)
        #expect(AWSError.accessDenied("x").fault == .sender)
        #expect(AWSError(code: .throttling, message: "x").fault == .sender)
    }

    @Test("an error can carry a code, status and message computed elsewhere, only for a listed code")
    func fromWireCode() throws {
        let error = try #require(
            AWSError(wireCode: "InvalidSignatureException", message: "m", httpStatus: 400))
        #expect(error.code == .invalidSignatureException && error.httpStatus == 400 && error.message == "m")
        #expect(AWSError(wireCode: "NoSuchCode", message: "m", httpStatus: 400) == nil)
    }
}
