import FuzzDriver
import PolicyEngine

/// libFuzzer entry point for the policy document parser and validator, then the evaluator.
///
/// Policy text arrives in CreateRole, PutRolePolicy, CreatePolicy and AssumeRole's `Policy` from any client, and
/// the validator must answer `MalformedPolicyDocument` rather than trap, whatever the bytes (not even UTF-8).
/// The first byte picks the policy kind so one corpus covers trust, identity, managed and resource checks; a
/// document that passes is compiled and evaluated once, because evaluation reads the parsed conditions,
/// wildcards and principals that validation let through.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let kinds = PolicyKind.allCases
    let kind = kinds[Int(data[0]) % kinds.count]
    let bytes = Array(UnsafeBufferPointer(start: data, count: size).dropFirst())
    let report = PolicyValidator(kind: kind).validate(bytes: bytes)
    guard report.isValid, let document = report.document else { return 0 }
    let policy = CompiledPolicy(document, name: "fuzz", kind: kind)
    let caller = Caller(arn: "arn:aws:iam::111111111111:role/fuzz") ?? Caller.service("sts.amazonaws.com")
    let request = AuthorizationRequest(
        caller: caller, action: "sts:AssumeRole", resource: "arn:aws:iam::111111111111:role/target")
    let policies = kind == .trust || kind == .resource ? PolicySet(resource: policy) : PolicySet(identity: [policy])
    _ = Authorizer.decideWithReason(request, policies)
    return 0
}

/// The program's entry: SwiftPM links `main` to `FuzzPolicy_main` on Linux, so libFuzzer's own `main` is not used
/// and this hands the command line to libFuzzer's driver instead (see FuzzDriver.h).
@_cdecl("FuzzPolicy_main")
func fuzzPolicyMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzPolicy)
}
