import Emulator
import Foundation
import SigV4

#if canImport(Glibc)
    import Glibc
#endif

/// The kill -9 phase: changes driven at `roleplay serve --state-dir`, SIGKILL at a random moment, a restart on the
/// same directory, and every acknowledged change looked up again.
///
/// Runs accumulate on one directory. After each restart the changes acknowledged in the run just killed are
/// checked; after the last, every change of every run is checked again, so a later compaction or replay that
/// dropped an earlier change is caught too. Every fourth run also appends a torn record to the journal before
/// the restart (an 8-byte frame header promising 64 bytes, then 20 of them: what a write cut short leaves); the
/// restart must drop it with its warning and lose nothing. Any other journal warning on a start fails the run.
struct KillPhase {
    var runs: Int
    var stateDirectory: String
    var connections: Int
    var seed: UInt64
    var workDirectory: URL

    /// The kill lands uniformly within this window after the changes start, in milliseconds.
    static let killWindow = 200..<1500
    static let assumerAccount = "333333333333"
    static let tornTailWarning = "the last record is incomplete"

    struct Result {
        var lines: [String] = []
        var failures: [String] = []
    }

    func run() throws -> Result {
        var result = Result()
        var random = SplitMix(seed: seed ^ 0x4B49_4C4C)
        var all: [AcknowledgedChange] = []
        var pending: [AcknowledgedChange] = []
        var assumer = Credentials(accessKeyID: "", secretAccessKey: "")
        let targetRoleARN = "arn:aws:iam::\(Self.assumerAccount):role/soak-target"
        var tornAppended = false
        var tornTails = 0
        var killMoments: [Int] = []
        var restarts = 0
        var lost = 0
        for run in 0...runs {
            let server = try SoakServer(
                ["--log-level", "warn", "--state-dir", stateDirectory],
                errorLog: workDirectory.appending(path: "kill-serve-\(run).log"))
            if run > 0 { restarts += 1 }
            let requests = SoakRequests(port: server.port)
            let connection = try SoakConnection(port: server.port, timeoutSeconds: 60)
            // The start: a torn tail we appended must be reported as one; no other damage is acceptable.
            let warnings = server.errorText.split(separator: "\n").filter { $0.contains("warning") }
            let torn = warnings.filter { $0.contains(Self.tornTailWarning) }
            if tornAppended && torn.isEmpty {
                result.failures.append("start \(run): the appended torn record was not reported")
            }
            tornTails += torn.count
            for line in warnings where !line.contains(Self.tornTailWarning) {
                result.failures.append("start \(run): \(line)")
            }
            // Everything acknowledged before the kill is there.
            let checked = run == runs ? all : pending
            let problems = try ChangeVerifier(requests: requests, connection: connection).missing(checked)
            lost += problems.count
            if !problems.isEmpty {
                result.failures.append(
                    "start \(run): \(problems.count) acknowledged changes lost: "
                        + problems.prefix(10).joined(separator: "; "))
            }
            if run == runs {
                connection.close()
                server.signal(SIGTERM)
                let ended = server.waitForExit(within: 15)
                if ended != .exited(0) {
                    result.failures.append(
                        "the last start did not stop cleanly on SIGTERM: \(ended.map(String.init(describing:)) ?? "hang")"
                    )
                }
                result.lines.append(
                    "kill -9: \(runs) runs on one --state-dir, \(all.count) acknowledged changes, each checked after the "
                        + "restart that followed its kill and all again after the last: "
                        + "\(lost) lost")
                result.lines.append(
                    "  killed after \(killMoments.map { "\($0)" }.joined(separator: ", ")) ms; \(restarts) restarts, "
                        + "\(tornTails) torn tails dropped (\(runs / 4) appended on purpose)")
                break
            }
            if run == 0 { assumer = try Self.setUpAssumer(requests, connection, into: &all) }
            connection.close()

            let deadline = Date().addingTimeInterval(30)
            var bodies: [@Sendable () -> KillWorker.Result] = []
            for index in 0..<connections {
                let worker = KillWorker(
                    requests: requests, round: run, index: index,
                    account: String(400_000_000_000 + run * 100 + index), assumer: assumer,
                    targetRoleARN: targetRoleARN, assumerAccount: Self.assumerAccount, deadline: deadline)
                bodies.append { worker.run() }
            }
            let moment = Self.killWindow.lowerBound + random.next(below: Self.killWindow.count)
            killMoments.append(moment)
            let pid = server.pid
            bodies.append {
                usleep(UInt32(moment) * 1000)
                kill(pid, SIGKILL)
                return KillWorker.Result()
            }
            let outcomes = SoakThreads.run(bodies, within: 60)
            pending = []
            for (index, outcome) in outcomes.enumerated() {
                guard let outcome else {
                    result.failures.append("run \(run): thread \(index) did not finish (a hang)")
                    continue
                }
                pending += outcome.acknowledged
                result.failures += outcome.unexpected.map { "run \(run): unexpected \($0)" }
            }
            all += pending
            if pending.isEmpty { result.failures.append("run \(run): no change was acknowledged before the kill") }
            guard server.waitForExit(within: 10) == .signalled(SIGKILL) else {
                result.failures.append("run \(run): the server did not die of SIGKILL")
                break
            }
            tornAppended = run % 4 == 3
            if tornAppended { try Self.appendTornRecord(to: stateDirectory + "/journal") }
        }
        return result
    }

    /// Account 333333333333's user allowed `sts:AssumeRole`, its key, and the role it assumes; all acknowledged
    /// changes too.
    static func setUpAssumer(
        _ requests: SoakRequests, _ connection: SoakConnection, into all: inout [AcknowledgedChange]
    )
        throws -> Credentials
    {
        let root = SoakIdentities.root(assumerAccount)
        let allow =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#
        let trust =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::"#
            + assumerAccount + #":root"},"Action":"sts:AssumeRole"}]}"#
        func call(_ action: String, _ parameters: [(String, String)]) throws -> (String, String) {
            let response = try connection.exchange(requests.query("iam", action, parameters, as: root))
            guard response.status == 200, let requestID = response.requestID else {
                throw SoakFailure(
                    "kill phase set-up: \(action) answered \(response.status): \(response.text.prefix(300))")
            }
            return (response.text, requestID)
        }
        let (user, userRequest) = try call("CreateUser", [("UserName", "soak-assumer")])
        all.append(
            .init(
                kind: .user(name: "soak-assumer", userID: SoakErrorCode.element("UserId", in: user) ?? ""),
                account: assumerAccount, requestID: userRequest))
        let (_, policyRequest) = try call(
            "PutUserPolicy", [("UserName", "soak-assumer"), ("PolicyName", "assume"), ("PolicyDocument", allow)])
        _ = policyRequest
        let (role, roleRequest) = try call(
            "CreateRole", [("RoleName", "soak-target"), ("AssumeRolePolicyDocument", trust)])
        all.append(
            .init(
                kind: .role(name: "soak-target", roleID: SoakErrorCode.element("RoleId", in: role) ?? ""),
                account: assumerAccount, requestID: roleRequest))
        let (key, keyRequest) = try call("CreateAccessKey", [("UserName", "soak-assumer")])
        let credentials = Credentials(
            accessKeyID: SoakErrorCode.element("AccessKeyId", in: key) ?? "",
            secretAccessKey: SoakErrorCode.element("SecretAccessKey", in: key) ?? "")
        all.append(
            .init(
                kind: .accessKey(user: "soak-assumer", credentials: credentials), account: assumerAccount,
                requestID: keyRequest))
        return credentials
    }

    /// Appends what a write cut short leaves: a frame header (length 64, a checksum) and 20 of the 64 bytes.
    static func appendTornRecord(to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw SoakFailure("cannot open \(path) to tear it")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        var bytes: [UInt8] = [64, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF]
        bytes += [UInt8](repeating: 7, count: 20)
        try handle.write(contentsOf: bytes)
    }
}
