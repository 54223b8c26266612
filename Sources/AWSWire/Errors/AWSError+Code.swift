extension AWSError {
    /// A wire error code and its usual HTTP status.
    ///
    /// The set is closed (a private enum) so every code the emulator sends is listed here with its status,
    /// checked against spec §2.4, §4–§8 and the service models; adding one does not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The code exactly as it goes on the wire (`<Code>`, `__type`, `x-amzn-ErrorType`).
        public var rawValue: String { base.rawValue }
        /// The status AWS sends with this code unless a protocol says otherwise (authentication codes differ
        /// per protocol: `SigV4.AuthFailure.wireError(for:)` gives theirs).
        public var httpStatus: Int { base.httpStatus }
        public var description: String { base.rawValue }

        /// The known code with this wire name, if any.
        public init?(rawValue: String) {
            guard let base = Base(rawValue: rawValue) else { return nil }
            self.base = base
        }

        /// Every known code, for tests and documentation.
        public static var allCodes: [Code] { Base.allCases.map { Code($0) } }

        // Authentication (§2.4), query / JSON 1.1 / rest-json spellings.
        public static let invalidClientTokenID = Code(.invalidClientTokenID)
        public static let unrecognizedClientException = Code(.unrecognizedClientException)
        public static let expiredToken = Code(.expiredToken)
        public static let expiredTokenException = Code(.expiredTokenException)
        public static let signatureDoesNotMatch = Code(.signatureDoesNotMatch)
        public static let invalidSignatureException = Code(.invalidSignatureException)
        public static let incompleteSignature = Code(.incompleteSignature)
        public static let incompleteSignatureException = Code(.incompleteSignatureException)
        public static let missingAuthenticationToken = Code(.missingAuthenticationToken)
        public static let missingAuthenticationTokenException = Code(.missingAuthenticationTokenException)

        // Authorization.
        public static let accessDenied = Code(.accessDenied)
        public static let accessDeniedException = Code(.accessDeniedException)

        // Request shape and protocol.
        public static let validationError = Code(.validationError)
        public static let validationException = Code(.validationException)
        public static let invalidParameterValue = Code(.invalidParameterValue)
        public static let missingParameter = Code(.missingParameter)
        public static let invalidAction = Code(.invalidAction)
        public static let missingAction = Code(.missingAction)
        public static let malformedQueryString = Code(.malformedQueryString)
        public static let unknownOperationException = Code(.unknownOperationException)
        public static let serializationException = Code(.serializationException)

        // Throttling and server faults.
        public static let throttling = Code(.throttling)
        public static let throttlingException = Code(.throttlingException)
        public static let serviceUnavailable = Code(.serviceUnavailable)
        public static let serviceUnavailableException = Code(.serviceUnavailableException)
        public static let internalFailure = Code(.internalFailure)
        public static let internalServerException = Code(.internalServerException)

        // STS (§4.1).
        public static let packedPolicyTooLarge = Code(.packedPolicyTooLarge)
        public static let regionDisabledException = Code(.regionDisabledException)

        // IAM (§5).
        public static let malformedPolicyDocument = Code(.malformedPolicyDocument)
        public static let noSuchEntity = Code(.noSuchEntity)
        public static let entityAlreadyExists = Code(.entityAlreadyExists)
        public static let limitExceeded = Code(.limitExceeded)
        public static let deleteConflict = Code(.deleteConflict)
        public static let concurrentModification = Code(.concurrentModification)
        public static let serviceFailure = Code(.serviceFailure)
        public static let invalidInput = Code(.invalidInput)
        public static let policyNotAttachable = Code(.policyNotAttachable)
        public static let unmodifiableEntity = Code(.unmodifiableEntity)

        // Bedrock and Bedrock Runtime (§6.4, §7.1).
        public static let resourceNotFoundException = Code(.resourceNotFoundException)
        public static let conflictException = Code(.conflictException)
        public static let serviceQuotaExceededException = Code(.serviceQuotaExceededException)
        public static let modelTimeoutException = Code(.modelTimeoutException)
        public static let modelErrorException = Code(.modelErrorException)
        public static let modelNotReadyException = Code(.modelNotReadyException)
        public static let modelStreamErrorException = Code(.modelStreamErrorException)

        // CloudTrail (§8.1).
        public static let invalidLookupAttributesException = Code(.invalidLookupAttributesException)
        public static let invalidTimeRangeException = Code(.invalidTimeRangeException)
        public static let invalidMaxResultsException = Code(.invalidMaxResultsException)
        public static let invalidNextTokenException = Code(.invalidNextTokenException)
        public static let invalidEventCategoryException = Code(.invalidEventCategoryException)
        public static let unsupportedOperationException = Code(.unsupportedOperationException)
        public static let operationNotPermittedException = Code(.operationNotPermittedException)

        private enum Base: String, CaseIterable, Sendable {
            case invalidClientTokenID = "InvalidClientTokenId"
            case unrecognizedClientException = "UnrecognizedClientException"
            case expiredToken = "ExpiredToken"
            case expiredTokenException = "ExpiredTokenException"
            case signatureDoesNotMatch = "SignatureDoesNotMatch"
            case invalidSignatureException = "InvalidSignatureException"
            case incompleteSignature = "IncompleteSignature"
            case incompleteSignatureException = "IncompleteSignatureException"
            case missingAuthenticationToken = "MissingAuthenticationToken"
            case missingAuthenticationTokenException = "MissingAuthenticationTokenException"
            case accessDenied = "AccessDenied"
            case accessDeniedException = "AccessDeniedException"
            case validationError = "ValidationError"
            case validationException = "ValidationException"
            case invalidParameterValue = "InvalidParameterValue"
            case missingParameter = "MissingParameter"
            case invalidAction = "InvalidAction"
            case missingAction = "MissingAction"
            case malformedQueryString = "MalformedQueryString"
            case unknownOperationException = "UnknownOperationException"
            case serializationException = "SerializationException"
            case throttling = "Throttling"
            case throttlingException = "ThrottlingException"
            case serviceUnavailable = "ServiceUnavailable"
            case serviceUnavailableException = "ServiceUnavailableException"
            case internalFailure = "InternalFailure"
            case internalServerException = "InternalServerException"
            case packedPolicyTooLarge = "PackedPolicyTooLarge"
            case regionDisabledException = "RegionDisabledException"
            case malformedPolicyDocument = "MalformedPolicyDocument"
            case noSuchEntity = "NoSuchEntity"
            case entityAlreadyExists = "EntityAlreadyExists"
            case limitExceeded = "LimitExceeded"
            case deleteConflict = "DeleteConflict"
            case concurrentModification = "ConcurrentModification"
            case serviceFailure = "ServiceFailure"
            case invalidInput = "InvalidInput"
            case policyNotAttachable = "PolicyNotAttachable"
            case unmodifiableEntity = "UnmodifiableEntity"
            case resourceNotFoundException = "ResourceNotFoundException"
            case conflictException = "ConflictException"
            case serviceQuotaExceededException = "ServiceQuotaExceededException"
            case modelTimeoutException = "ModelTimeoutException"
            case modelErrorException = "ModelErrorException"
            case modelNotReadyException = "ModelNotReadyException"
            case modelStreamErrorException = "ModelStreamErrorException"
            case invalidLookupAttributesException = "InvalidLookupAttributesException"
            case invalidTimeRangeException = "InvalidTimeRangeException"
            case invalidMaxResultsException = "InvalidMaxResultsException"
            case invalidNextTokenException = "InvalidNextTokenException"
            case invalidEventCategoryException = "InvalidEventCategoryException"
            case unsupportedOperationException = "UnsupportedOperationException"
            case operationNotPermittedException = "OperationNotPermittedException"

            /// Statuses from spec §2.4 (JSON 1.1 column for the `…Exception` auth codes; rest-json sends 403,
            /// as `SigV4.AuthFailure.wireError(for:)` says), §4.1, §5, §6.4, §7.1, §8.1 and the service models.
            var httpStatus: Int {
                switch self {
                case .invalidClientTokenID, .expiredToken, .signatureDoesNotMatch, .missingAuthenticationToken,
                    .accessDenied, .accessDeniedException, .regionDisabledException:
                    return 403
                // AWS's common errors list MalformedQueryString with 404.
                case .noSuchEntity, .resourceNotFoundException, .malformedQueryString:
                    return 404
                case .modelTimeoutException: return 408
                case .entityAlreadyExists, .limitExceeded, .deleteConflict, .concurrentModification, .conflictException:
                    return 409
                case .modelErrorException, .modelStreamErrorException: return 424
                case .throttlingException, .modelNotReadyException: return 429
                case .internalFailure, .internalServerException, .serviceFailure: return 500
                case .serviceUnavailable, .serviceUnavailableException: return 503
                default: return 400
                }
            }
        }
    }
}
