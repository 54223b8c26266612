import AWSWire
import FuzzDriver

/// libFuzzer entry point for the event-stream frame decoder (`application/vnd.amazon.eventstream`).
///
/// Bytes come from the network (Bedrock's streaming responses, a client's event stream), so every length and
/// CRC must be checked before use: the decoder's contract is "an `EventStreamError`, never a trap". The input is
/// decoded whole, then again fed in two pieces split at a position taken from the input, because a frame split
/// across reads must decode the same; a difference between the two is a bug too, so it traps on purpose.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = try? EventStreamDecoder.decodeAll(bytes)
    _ = try? EventStreamDecoder.decodeFrame(bytes)

    var decoder = EventStreamDecoder()
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.append(bytes[..<split])
    var pieces: [EventStreamMessage] = []
    do {
        while let message = try decoder.next() { pieces.append(message) }
        decoder.append(bytes[split...])
        while let message = try decoder.next() { pieces.append(message) }
        if let whole, decoder.bufferedCount == 0 {
            precondition(whole == pieces, "split decoding differs from whole decoding")
        }
    } catch {
        precondition(whole == nil, "split decoding failed where whole decoding succeeded: \(error)")
    }
    return 0
}

/// The program's entry: SwiftPM links `main` to `FuzzEventStream_main` on Linux, so libFuzzer's own `main` is not used
/// and this hands the command line to libFuzzer's driver instead (see FuzzDriver.h).
@_cdecl("FuzzEventStream_main")
func fuzzEventStreamMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzEventStream)
}
