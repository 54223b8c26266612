/// How a `call` step's request is signed and sent, when it should not be signed right: `sign` and `tamper` in
/// the file. The default is a correctly signed request at the current time.
public struct CallOptions: Sendable, Equatable {
    /// The part of a signed request `tamper` changes after signing, so the service must refuse it.
    public enum Tamper: String, Sendable, CaseIterable {
        /// One byte appended to the body: the payload hash no longer matches.
        case body
        /// `X-Amz-Date` moved by one second: a signed header no longer matches.
        case header
        /// The last hex digit of `Authorization`'s `Signature=` flipped.
        case signature
        /// The session token (`X-Amz-Security-Token`) changed: a token the service never issued.
        case token
    }

    /// Seconds added to the wall clock when signing (`sign: {skewSeconds: N}`); nil signs at the current time.
    public var skewSeconds: Int64?
    /// Whether ConnectorKit may learn the skew from the refusal and sign again (`sign: {correct: true}`); off, the
    /// step sees the skew error.
    public var correctsSkew: Bool
    public var tamper: Tamper?

    public init(skewSeconds: Int64? = nil, correctsSkew: Bool = false, tamper: Tamper? = nil) {
        self.skewSeconds = skewSeconds
        self.correctsSkew = correctsSkew
        self.tamper = tamper
    }
}
