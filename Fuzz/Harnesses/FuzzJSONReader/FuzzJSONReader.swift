import AWSWire
import FuzzDriver

/// libFuzzer entry point for `JSONReader`, the parser of every JSON 1.1 and rest-json request body
/// (CloudTrail, Bedrock) and of the emulator's admin API.
///
/// The reader's contract is "a `JSONDecodingError`, never a trap", with limits on size, depth and string length
/// so hostile nesting cannot exhaust the stack. A parsed value is written back with `JSONWriter` and parsed
/// again: the two values must be equal, since responses and recorded transcripts rely on that round trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONReader().decode(bytes) else { return 0 }
    let written = JSONWriter.bytes(value)
    let again = try? JSONReader().decode(written)
    precondition(again == value, "JSONWriter output does not parse back to the same value")
    return 0
}

/// The program's entry: SwiftPM links `main` to `FuzzJSONReader_main` on Linux, so libFuzzer's own `main` is not used
/// and this hands the command line to libFuzzer's driver instead (see FuzzDriver.h).
@_cdecl("FuzzJSONReader_main")
func fuzzJSONReaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzJSONReader)
}
