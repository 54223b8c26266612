import Scenarios
import Testing

@Suite struct SourceLocationTests {
    @Test func printsAsFileColonLine() {
        #expect(SourceLocation(file: "happy.yaml", line: 14).description == "happy.yaml:14")
    }
}
