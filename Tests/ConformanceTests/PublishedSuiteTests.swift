import SigV4Vectors
import Testing

@Suite("Published SigV4/SigV4a suites")
struct PublishedSuiteTests {
    @Test("the directory holds every published case", .tags(.published))
    func holdsEveryCase() throws {
        let cases = try PublishedSuite.cases()
        let count = { (set: SuiteCase.Set) in cases.filter { $0.set == set }.count }
        #expect(count(.v4) == 38)
        #expect(count(.v4a) == 38)
        #expect(count(.legacy) == 34)
        #expect(count(.smithyExtras) == 2)
    }

    @Test("our signer reproduces every stage", .tags(.published), arguments: try PublishedSuite.modes())
    func signerMatches(_ c: CaseMode) {
        let failures = SuiteChecks.signer(c.suiteCase, c.mode)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("our verifier accepts the published signed request", .tags(.published), arguments: try PublishedSuite.modes())
    func verifierAccepts(_ c: CaseMode) {
        let failures = SuiteChecks.verifierAccepts(c.suiteCase, c.mode)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("our verifier rejects every single-part tampering", .tags(.published), arguments: try PublishedSuite.modes())
    func verifierRejectsTampering(_ c: CaseMode) {
        let failures = SuiteChecks.verifierRejectsTampering(c.suiteCase, c.mode)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test(
        "SigV4a: the derived key is the published one and published signatures verify", .tags(.published),
        arguments: try PublishedSuite.cases().filter { $0.set == .v4a })
    func sigV4aPublished(_ c: SuiteCase) {
        let failures = SuiteChecks.sigV4aPublished(c)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

extension Tag {
    @Tag static var published: Self
}
