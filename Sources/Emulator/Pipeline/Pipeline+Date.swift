public import AWSWire
import SigV4

extension Emulator {
    /// Answers one request (steps in `respond(to:)`), with a `Date` header from the emulator's wall clock on every
    /// answer, as AWS sends one: SDKs compare it with their own clock to correct skew and retry (spec §2.3, §9.2),
    /// so it must tell the time the skew check uses, not the host's.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        var response = respond(to: request)
        if !response.headers.contains(where: { $0.name.caseInsensitiveEquals("Date") }) {
            response.headers.append(HTTPField("Date", Self.imfFixdate(configuration.wallClock())))
        }
        return response
    }

    /// RFC 9110's IMF-fixdate (`Wed, 15 Jan 2025 12:00:00 GMT`): the signer's RFC 2822 form ends in `-0000`
    /// where a response writes `GMT`.
    static func imfFixdate(_ time: AmzDate) -> String { String(time.httpDate.dropLast(5)) + "GMT" }
}
