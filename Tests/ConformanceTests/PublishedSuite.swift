import Foundation
import SigV4Vectors

/// The published SigV4/SigV4a suites, read from the directory named by `SIGV4_TEST_SUITE_DIR`
/// (in CI: `../shared/vectors`). They are not copied into the repository.
///
/// A parameterized test whose arguments are empty is skipped and the run passes, so an unset variable or
/// an empty directory is an error here, naming the variable: a missing suite must fail the run.
enum PublishedSuite {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static let variable = "SIGV4_TEST_SUITE_DIR"

    static func directory() throws -> URL {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
            throw Missing(description: "\(variable) is not set: point it at the published suites (e.g. ../shared/vectors)")
        }
        return URL(filePath: path)
    }

    /// Every case, read once per test process.
    static func cases() throws -> [SuiteCase] {
        let all = try SuiteReader.cases(in: directory())
        guard !all.isEmpty else {
            throw Missing(description: "\(variable)=\(try directory().path) holds no SigV4 test cases")
        }
        return all
    }

    /// Every (case, mode) that has expectations.
    static func modes() throws -> [CaseMode] {
        try cases().flatMap { c in SuiteCase.Mode.allCases.filter { c.expectations[$0] != nil }.map { CaseMode(c, $0) } }
    }
}

/// A case in one signing mode, named after both so a failure says which.
struct CaseMode: CustomStringConvertible, Sendable {
    let suiteCase: SuiteCase
    let mode: SuiteCase.Mode

    init(_ suiteCase: SuiteCase, _ mode: SuiteCase.Mode) {
        self.suiteCase = suiteCase
        self.mode = mode
    }

    var description: String { "\(suiteCase) [\(mode.rawValue)]" }
}
