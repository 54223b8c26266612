import AWSWire
import FuzzDriver

/// libFuzzer entry point for the awsQuery form decoder (STS and IAM request bodies).
///
/// Every STS/IAM call's body goes through `QueryParameters(decoding:)` and then `QueryValue(flattening:)`
/// (`Tags.member.1.Key` → nested lists and maps), both of which index into client-controlled text. Their
/// contract is "a `QueryDecodingError`, never a trap". A decoded form is also re-encoded and decoded again:
/// `formEncoded` must round-trip, or a request the emulator re-signs or records would change meaning.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQueryForm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let parameters = try? QueryParameters(decoding: bytes) else { return 0 }
    _ = try? QueryValue(flattening: parameters)
    let again = try? QueryParameters(decoding: parameters.formEncoded)
    precondition(again == parameters, "formEncoded does not round-trip")
    return 0
}

/// The program's entry: SwiftPM links `main` to `FuzzQueryForm_main` on Linux, so libFuzzer's own `main` is not used
/// and this hands the command line to libFuzzer's driver instead (see FuzzDriver.h).
@_cdecl("FuzzQueryForm_main")
func fuzzQueryFormMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzQueryForm)
}
