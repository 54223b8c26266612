import AWSWire
import FuzzDriver

/// libFuzzer entry point for `XMLReader`, which reads awsQuery responses (ConnectorKit's STS client, scenario
/// assertions, recorded transcripts) and error bodies from whatever endpoint a user points a connector at.
///
/// The reader's contract is "an `XMLReader.Invalid`, never a trap", with a depth limit against hostile nesting.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMLReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? XMLReader().parse(bytes)
    _ = try? XMLReader(maxBytes: 1 << 20, maxDepth: 8).parse(bytes)
    return 0
}

/// The program's entry: SwiftPM links `main` to `FuzzXMLReader_main` on Linux, so libFuzzer's own `main` is not used
/// and this hands the command line to libFuzzer's driver instead (see FuzzDriver.h).
@_cdecl("FuzzXMLReader_main")
func fuzzXMLReaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzXMLReader)
}
