import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Every answer carries `Date` from the emulator's wall clock, as AWS's do: SDKs correct clock skew from it
/// (spec §2.3), so it must tell the time the skew check compares against, not the host's or virtual time.
@Suite("Response Date header")
struct ResponseDateTests {
    static let root = Credentials.root("123456789012")

    @Test("success, error and admin answers are dated by the wall clock")
    func everyAnswerIsDated() {
        let endpoint = TestEndpoint()
        #expect(endpoint.admin("GET", "/health").header("Date") == "Wed, 15 Jan 2025 12:00:00 GMT")
        #expect(endpoint.call(.sts, "GetCallerIdentity", as: Self.root).header("Date") == "Wed, 15 Jan 2025 12:00:00 GMT")
        let skewed = endpoint.call(
            .sts, "GetCallerIdentity", as: Self.root, signedAt: TestEndpoint.epoch.adding(seconds: -3600))
        #expect(skewed.status == 403)
        #expect(skewed.header("Date") == "Wed, 15 Jan 2025 12:00:00 GMT")
    }

    @Test("the wall clock moves the Date; virtual time does not")
    func wallClockNotVirtualTime() {
        let endpoint = TestEndpoint()
        _ = endpoint.advanceVirtualClock(seconds: 86_400)
        endpoint.advanceWallClock(seconds: 61)
        #expect(endpoint.admin("GET", "/health").header("Date") == "Wed, 15 Jan 2025 12:01:01 GMT")
    }
}
