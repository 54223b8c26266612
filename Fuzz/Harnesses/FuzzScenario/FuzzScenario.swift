import FuzzDriver
import Scenarios

/// libFuzzer entry point for the scenario YAML loader (`ScenarioLoader.load(yaml:file:)`).
///
/// Scenario files are user-written and shared; a malformed one must be a `file:line: message`
/// (`ScenarioFileError`), never a crash of `roleplay scenario run` or of a CI job. Every operation name is
/// accepted so that the loader's checks after the catalog lookup are reached too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let yaml = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? FuzzScenario.loader.load(yaml: yaml, file: "fuzz.yaml")
    return 0
}

enum FuzzScenario {
    static let loader = ScenarioLoader(knownOperation: { _, _ in true })
}

/// The program's entry: SwiftPM links `main` to `FuzzScenario_main` on Linux, so libFuzzer's own `main` is not used
/// and this hands the command line to libFuzzer's driver instead (see FuzzDriver.h).
@_cdecl("FuzzScenario_main")
func fuzzScenarioMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzScenario)
}
