import FuzzDriver
import SigV4

/// libFuzzer entry point for SigV4 verification: the `Authorization` header and presigned-query parser
/// (`SignatureParameters.parse`) and the `Verifier` behind it, over a request read from raw HTTP text.
///
/// Every request the emulator serves is verified before anything else reads it, so this is the code most
/// exposed to hostile input; `Verifier` promises "never throws and never traps: every outcome is a `Verdict`".
/// The input is the request as the published SigV4 test suite writes it (`GET /?a=b HTTP/1.1`, headers, a
/// blank line, the body), so the suite's `.req` files and our vectors seed the corpus directly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSigV4(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let request = try? RawHTTPRequest.parse(bytes) else { return 0 }
    // Verified at the request's own signing time when it has one, so the skew check does not stop most inputs
    // before the canonical request is built and re-signed.
    let now = (try? SignatureParameters.parse(request))?.date ?? FuzzSigV4.now
    _ = FuzzSigV4.verifier.verify(request, now: now)
    return 0
}

enum FuzzSigV4 {
    /// The published suite's secret for its example key and botocore's for ours; any other key is unknown.
    static let verifier = Verifier(clockSkew: 900) { accessKeyID in
        switch accessKeyID {
        case "AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
        case "AKIAIOSFODNN7EXAMPLE": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        default: nil
        }
    }
    /// 2015-08-30T12:36:00Z, the suite's signing time: the clock for requests whose date does not parse.
    static let now = AmzDate(secondsSince1970: 1_440_938_160)
}

/// The program's entry: SwiftPM links `main` to `FuzzSigV4_main` on Linux, so libFuzzer's own `main` is not used
/// and this hands the command line to libFuzzer's driver instead (see FuzzDriver.h).
@_cdecl("FuzzSigV4_main")
func fuzzSigV4Main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzSigV4)
}
