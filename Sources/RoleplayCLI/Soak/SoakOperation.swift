/// The calls the load phase mixes, with their weights and the protocol each is answered in.
///
/// The mix is the connector's own traffic: the SaaS assumes the customer's role with the External ID, calls
/// Bedrock Runtime with the session (plain and both streams), and the customer audits it in CloudTrail.
enum SoakOperation: String, CaseIterable, Sendable, Hashable, Comparable {
    case assumeRole = "AssumeRole"
    case invokeModel = "InvokeModel"
    case invokeModelStream = "InvokeModelWithResponseStream"
    case converseStream = "ConverseStream"
    case lookupEvents = "LookupEvents"

    /// Relative frequency in the mix (out of `totalWeight`).
    var weight: Int {
        switch self {
        case .assumeRole: 2
        case .invokeModel: 3
        case .invokeModelStream: 2
        case .converseStream: 2
        case .lookupEvents: 1
        }
    }

    static let totalWeight = allCases.reduce(0) { $0 + $1.weight }

    /// The operation a uniform draw in `0..<totalWeight` picks.
    static func pick(_ draw: Int) -> SoakOperation {
        var left = draw
        for operation in allCases {
            if left < operation.weight { return operation }
            left -= operation.weight
        }
        return .invokeModel
    }

    var isStream: Bool { self == .invokeModelStream || self == .converseStream }

    /// The wire protocol of the answer: where an error's code is found.
    var wireProtocol: SoakErrorCode.WireProtocol {
        switch self {
        case .assumeRole: .query
        case .lookupEvents: .json
        case .invokeModel, .invokeModelStream, .converseStream: .restJSON
        }
    }

    static func < (a: SoakOperation, b: SoakOperation) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
