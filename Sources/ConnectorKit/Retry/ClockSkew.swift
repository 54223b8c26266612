import RoleplaySync
public import Foundation
internal import SigV4
internal import Synchronization

/// The offset between the local clock and the service's, shared by every client of one configuration and
/// added to the time each request is signed at.
///
/// Learned as the AWS SDKs for Swift, Java, Go and JS learn it (spec §9.2): when a signature is refused with a
/// skew error and the answer's `Date` is more than ``threshold`` away from the signing time, the offset becomes
/// `Date − local now` and the call is signed again. botocore does not do this.
public final class ClockSkew: Sendable {
    /// How far the service's time may be from the signing time before it is taken as skew (4 minutes: under the
    /// 5-minute window of the JSON and rest-json services).
    public static let threshold: TimeInterval = 240

    /// Codes that always mean a skewed signing time.
    static let definiteCodes: Set<String> = ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"]
    /// Codes a skewed signing time produces among others (the emulator's and these services' answer to skew is
    /// `SignatureDoesNotMatch` or `InvalidSignatureException`, spec §2.3): taken as skew only with a distant `Date`.
    static let probableCodes: Set<String> = ["InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure"]

    private let seconds: Locked<TimeInterval>
    /// Whether skew errors teach the offset. Off for a caller that wants to see the skew error itself (a
    /// scenario step signing off the clock on purpose): a fresh offset alone would not do, as the correction
    /// is made within the one call.
    public let learns: Bool

    public init(offset: TimeInterval = 0, learns: Bool = true) {
        seconds = Locked(offset)
        self.learns = learns
    }

    /// Seconds to add to the local clock to get the service's.
    public var offset: TimeInterval { seconds.withLock { $0 } }

    /// Learns the offset from an error answer; true when it changed, so the call is worth signing again.
    /// - Parameters:
    ///   - code: the error's code; only skew codes count.
    ///   - serverDate: the answer's `Date` header.
    ///   - signedAt: the time the refused request was signed at.
    ///   - localNow: the local clock now.
    func correct(code: String, serverDate: String?, signedAt: Date, localNow: Date) -> Bool {
        guard learns, Self.definiteCodes.contains(code) || Self.probableCodes.contains(code),
            let serverDate, let server = AmzDate(httpDate: serverDate)?.date,
            abs(server.timeIntervalSince(signedAt)) > Self.threshold
        else { return false }
        seconds.withLock { $0 = server.timeIntervalSince(localNow) }
        return true
    }
}
