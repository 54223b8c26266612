import AWSWire
import Foundation
import SigV4

extension CloudTrailOperations {
    struct LookupEventsInput: Sendable {
        var attribute: (key: LookupAttributeKey, value: String)?
        var startTime: Int64?
        var endTime: Int64?
        /// `insight` asks for Insights events, which the emulator never produces.
        var insights: Bool
        var maxResults: Int
        var nextToken: String?

        /// What a NextToken is tied to: every parameter but the page size (spec §8.1).
        func fingerprint(_ environment: RequestEnvironment) -> UInt64 {
            var hash = FNV1a()
            hash.add(field: environment.identity.account)
            hash.add(field: environment.region)
            hash.add(field: attribute?.key.rawValue ?? "")
            hash.add(field: attribute?.value ?? "")
            hash.add(field: startTime.map(String.init) ?? "")
            hash.add(field: endTime.map(String.init) ?? "")
            hash.add(field: insights ? "insight" : "")
            return hash.value
        }
    }

    /// LookupEvents (spec §8.1): management events of the caller's account recorded in the endpoint's region,
    /// newest first, one lookup attribute at most, paged by an opaque token tied to the parameters.
    static let lookupEvents = Operation.json(
        "LookupEvents",
        decode: { body, _ throws(AWSError) in try decodeLookupEvents(body) },
        authorize: { _, _, _ throws(AWSError) in [AuthorizationCheck(action: "cloudtrail:LookupEvents", resource: "*")]
        },
        execute: { input, _, environment throws(AWSError) in
            let fingerprint = input.fingerprint(environment)
            var before: Int?
            if let token = input.nextToken {
                guard let position = LookupToken.decode(token, fingerprint: fingerprint) else {
                    throw AWSError(code: .invalidNextTokenException, message: "Invalid NextToken.")
                }
                before = position
            }
            guard !input.insights else { return ["Events": []] }
            let page = environment.cloudTrail.lookup(
                LookupQuery(
                    account: environment.identity.account, region: environment.region, attribute: input.attribute,
                    startTime: input.startTime, endTime: input.endTime, maxResults: input.maxResults, before: before),
                now: environment.now.secondsSince1970)
            var members = [JSONMember("Events", .array(page.events.map(\.lookupJSON)))]
            if let next = page.continueBefore {
                members.append(JSONMember("NextToken", .string(LookupToken.encode(next, fingerprint: fingerprint))))
            }
            return .object(members)
        },
        trail: { input in
            // What AWS's own LookupEvents records show: the filter and the page size.
            var parameters: [JSONMember] = []
            if let attribute = input.attribute {
                parameters.append(
                    JSONMember(
                        "lookupAttributes",
                        [["attributeKey": .string(attribute.key.rawValue), "attributeValue": .string(attribute.value)]])
                )
            }
            parameters.append(JSONMember("maxResults", .int(input.maxResults)))
            return TrailDetails(requestParameters: .object(parameters), readOnly: true)
        })

    static func decodeLookupEvents(_ body: JSONValue) throws(AWSError) -> LookupEventsInput {
        var input = LookupEventsInput(insights: false, maxResults: 50)
        if let attributes = body["LookupAttributes"], !attributes.isNull {
            guard let list = attributes.arrayValue else { throw serialization("LookupAttributes") }
            guard list.count <= 1 else {
                throw AWSError(
                    code: .invalidLookupAttributesException,
                    message: "You cannot specify more than one lookup attribute.")
            }
            if let item = list.first {
                guard let keyText = item["AttributeKey"]?.stringValue, let key = LookupAttributeKey(rawValue: keyText)
                else {
                    throw AWSError(
                        code: .invalidLookupAttributesException,
                        message: "Invalid lookup attribute key. Valid keys: "
                            + LookupAttributeKey.allCases.map(\.rawValue).joined(separator: ", ") + ".")
                }
                guard let value = item["AttributeValue"]?.stringValue, (1...2_000).contains(value.count) else {
                    throw AWSError(
                        code: .invalidLookupAttributesException,
                        message: "The lookup attribute value must be between 1 and 2000 characters long.")
                }
                input.attribute = (key, value)
            }
        }
        // Events carry whole seconds: a fractional bound includes the whole seconds within it.
        input.startTime = try seconds(body["StartTime"], "StartTime", rounding: .up)
        input.endTime = try seconds(body["EndTime"], "EndTime", rounding: .down)
        if let start = input.startTime, let end = input.endTime, start > end {
            throw AWSError(code: .invalidTimeRangeException, message: "Start time must be before end time.")
        }
        if let category = body["EventCategory"], !category.isNull {
            guard category.stringValue == "insight" else {
                throw AWSError(
                    code: .invalidEventCategoryException,
                    message: "Event category is not valid. The only valid value is insight.")
            }
            input.insights = true
        }
        if let max = body["MaxResults"], !max.isNull {
            guard let number = max.numberValue else { throw serialization("MaxResults") }
            guard let count = Int(exactly: number.double), (1...50).contains(count) else {
                throw AWSError(
                    code: .invalidMaxResultsException, message: "MaxResults must be a number between 1 and 50.")
            }
            input.maxResults = count
        }
        if let token = body["NextToken"], !token.isNull {
            guard let text = token.stringValue else { throw serialization("NextToken") }
            input.nextToken = text
        }
        return input
    }

    /// A timestamp member: epoch seconds as a JSON number, fractions allowed (spec §3.2).
    private static func seconds(_ value: JSONValue?, _ name: String, rounding: FloatingPointRoundingRule)
        throws(AWSError) -> Int64?
    {
        guard let value, !value.isNull else { return nil }
        guard let number = value.numberValue, number.double.isFinite, abs(number.double) < 1e15 else {
            throw serialization(name)
        }
        return Int64(number.double.rounded(rounding))
    }

    private static func serialization(_ member: String) -> AWSError {
        AWSError(code: .serializationException, message: "Unexpected value for \(member).")
    }
}

/// LookupEvents' NextToken: where the next page starts, bound to the parameters that produced it.
///
/// Opaque to clients (base64 of the position and a fingerprint of the parameters); a token used with other
/// parameters, altered, or not ours is refused with `InvalidNextTokenException`, as AWS refuses it.
enum LookupToken {
    static func encode(_ position: Int, fingerprint: UInt64) -> String {
        var bytes: [UInt8] = [1]
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: UInt64(position) >> UInt64(shift)))
        }
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: fingerprint >> UInt64(shift)))
        }
        return Data(bytes).base64EncodedString()
    }

    static func decode(_ token: String, fingerprint: UInt64) -> Int? {
        guard token.utf8.count <= 64, let data = Data(base64Encoded: token), case let bytes = [UInt8](data),
            bytes.count == 17, bytes[0] == 1
        else { return nil }
        var position: UInt64 = 0
        var check: UInt64 = 0
        for index in 1...8 { position = position << 8 | UInt64(bytes[index]) }
        for index in 9...16 { check = check << 8 | UInt64(bytes[index]) }
        guard check == fingerprint, position <= UInt64(Int.max) else { return nil }
        return Int(position)
    }
}
