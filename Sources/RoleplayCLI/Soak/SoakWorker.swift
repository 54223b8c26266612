import AWSWire
import Emulator
import Foundation
import SigV4

/// One of the keep-alive connections of the load phase: a loop over the weighted mix, paced, until a deadline.
///
/// The worker assumes the customer's role first (and again whenever the mix draws AssumeRole, keeping the newest
/// session), then sends each call on its one connection and reads the answer to its end. Every answer is
/// judged at once: a success is kept for the CloudTrail reconciliation, an error must carry a code the fault
/// plan asked for, and anything else (another code, a broken stream, a transport error) is unexpected.
struct SoakWorker: Sendable {
    var index: Int
    var requests: SoakRequests
    var identities: SoakIdentities
    var plan: SoakFaultPlan
    var seed: UInt64
    /// Seconds between two calls of this worker (the total rate divided among the workers).
    var interval: Double
    var deadline: Date

    /// Runs the loop on the calling thread and returns what it saw.
    func run() -> SoakTally {
        var tally = SoakTally()
        var random = SplitMix(seed: seed)
        var session: Credentials?
        var connection: SoakConnection?
        // Spread the workers' first calls over one interval, so they do not arrive together.
        var next = Date().addingTimeInterval(interval * Double(random.next(below: 1000)) / 1000)
        var sequence = 0
        while Date() < deadline {
            let wait = next.timeIntervalSinceNow
            if wait > 0 { Thread.sleep(forTimeInterval: min(wait, deadline.timeIntervalSinceNow)) }
            guard Date() < deadline else { break }
            // A worker that fell behind catches up, but never by more than a second's worth of calls at once.
            next = max(next.addingTimeInterval(interval), Date().addingTimeInterval(-1))
            sequence += 1
            let operation =
                session == nil ? .assumeRole : SoakOperation.pick(random.next(below: SoakOperation.totalWeight))
            let askStreamError = operation.isStream && random.next(below: 1000) < plan.streamErrorPerMille
            let bytes = request(operation, session: session, askStreamError: askStreamError, sequence: sequence)
            tally.calls[operation, default: 0] += 1
            let started = DispatchTime.now().uptimeNanoseconds
            let response: SoakResponse
            do {
                if connection == nil { connection = try SoakConnection(port: requests.port) }
                response = try connection!.exchange(bytes)
            } catch {
                tally.unexpected(operation, "connection \(index): \(error)")
                connection = nil
                continue
            }
            let micros = UInt32(clamping: (DispatchTime.now().uptimeNanoseconds - started) / 1000)
            tally.latencies[operation, default: []].append(micros)
            if response.header("Connection")?.lowercased() == "close" {
                tally.unexpected(operation, "connection \(index): the server asked to close a keep-alive connection")
                connection = nil
            }
            if let credentials = judge(operation, response, askStreamError: askStreamError, into: &tally) {
                session = credentials
            }
        }
        return tally
    }

    /// Classifies one answer into `tally`; returns the session credentials of a successful AssumeRole.
    func judge(_ operation: SoakOperation, _ response: SoakResponse, askStreamError: Bool, into tally: inout SoakTally)
        -> Credentials?
    {
        guard let requestID = response.requestID else {
            tally.unexpected(operation, "status \(response.status) without a request ID")
            return nil
        }
        guard response.status == 200 else {
            let code = SoakErrorCode.code(of: response, protocol: operation.wireProtocol)
            if let code, plan.expectedCodes(operation).contains(code) {
                tally.expectedErrors[code, default: 0] += 1
                tally.injectedFailureIDs.append(requestID)
            } else {
                tally.unexpected(
                    operation,
                    "status \(response.status) \(code ?? "no code") (\(requestID)): \(response.text.prefix(200))")
            }
            return nil
        }
        var credentials: Credentials?
        switch operation {
        case .assumeRole:
            let xml = response.text
            guard let key = SoakErrorCode.element("AccessKeyId", in: xml),
                let secret = SoakErrorCode.element("SecretAccessKey", in: xml),
                let token = SoakErrorCode.element("SessionToken", in: xml)
            else {
                tally.unexpected(operation, "200 without credentials (\(requestID))")
                return nil
            }
            credentials = Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
        case .invokeModel, .lookupEvents:
            guard (try? JSONReader().decode(response.body)) != nil else {
                tally.unexpected(operation, "200 with a body that is not JSON (\(requestID))")
                return nil
            }
        case .invokeModelStream, .converseStream:
            do {
                let (code, events) = try SoakErrorCode.streamException(response.body)
                switch (code, askStreamError) {
                case (nil, false) where events > 0: break
                case (SoakFaultPlan.streamExceptionType, true): tally.expectedStreamExceptions += 1
                default:
                    tally.unexpected(
                        operation,
                        "stream (\(requestID)) ended with \(code ?? "no exception") after \(events) events; asked for "
                            + (askStreamError ? SoakFaultPlan.streamExceptionType : "none"))
                }
            } catch {
                tally.unexpected(operation, "stream (\(requestID)) does not decode: \(error)")
            }
        }
        // A cross-account AssumeRole is recorded in the caller's account and in the role owner's.
        let accounts =
            operation == .assumeRole
            ? [identities.saasAccount, identities.customerAccount] : [identities.customerAccount]
        tally.successes.append(.init(requestID: requestID, accounts: accounts))
        return credentials
    }

    private func request(_ operation: SoakOperation, session: Credentials?, askStreamError: Bool, sequence: Int)
        -> [UInt8]
    {
        let prompt = askStreamError ? "Say hello. \(SoakFaultPlan.streamErrorMarker)" : "Say hello, call \(sequence)."
        switch operation {
        case .assumeRole:
            return requests.query(
                "sts", "AssumeRole",
                [
                    ("RoleArn", identities.roleARN), ("RoleSessionName", "soak-\(index)"),
                    ("ExternalId", identities.externalID),
                ], as: identities.saasUser)
        case .invokeModel, .invokeModelStream:
            let body: JSONValue = [
                "anthropic_version": "bedrock-2023-05-31", "max_tokens": 64,
                "messages": [["role": "user", "content": [["type": "text", "text": .string(prompt)]]]],
            ]
            let path = operation == .invokeModel ? "invoke" : "invoke-with-response-stream"
            return requests.bedrock(path, model: identities.model, body, as: session!)
        case .converseStream:
            let body: JSONValue = [
                "messages": [["role": "user", "content": [["text": .string(prompt)]]]],
                "inferenceConfig": ["maxTokens": 64],
            ]
            return requests.bedrock("converse-stream", model: identities.model, body, as: session!)
        case .lookupEvents:
            let body: JSONValue = [
                "LookupAttributes": [["AttributeKey": "EventName", "AttributeValue": "AssumeRole"]], "MaxResults": 5,
            ]
            return requests.cloudTrail("LookupEvents", body, as: session!)
        }
    }
}
