import AWSWire
import Scenarios
import Testing

@Suite struct PathTests {
    let response: JSONValue = [
        "Role": ["Arn": "arn:aws:iam::123456789012:role/r", "RoleName": "r"],
        "Roles": [["RoleName": "a"], ["RoleName": "b"]],
        "aws:SourceIp": "10.0.0.1",
        "model-id": "nova",
        "a.b": ["c": 1],
        "empty": nil,
    ]

    @Test func parsesMembersAndIndexes() throws {
        #expect(try ResponsePath(parsing: "Role.Arn").components == [.member("Role"), .member("Arn")])
        #expect(
            try ResponsePath(parsing: "output.message.content[0].text").components
                == [.member("output"), .member("message"), .member("content"), .index(0), .member("text")])
        #expect(try ResponsePath(parsing: "[2]").components == [.index(2)])
        #expect(try ResponsePath(parsing: "[1][0]").components == [.index(1), .index(0)])
        #expect(try ResponsePath(parsing: "aws:SourceIp").components == [.member("aws:SourceIp")])
        #expect(try ResponsePath(parsing: #"["a.b"].c"#).components == [.member("a.b"), .member("c")])
        #expect(try ResponsePath(parsing: #"x["say \"hi\""]"#).components == [.member("x"), .member(#"say "hi""#)])
    }

    @Test func printsAPathThatParsesBack() throws {
        for text in ["Role.Arn", "Roles[1].RoleName", "[0]", #"["a.b"].c"#, #"x["say \"hi\""]"#, "model-id"] {
            let path = try ResponsePath(parsing: text)
            #expect(path.description == text)
            #expect(try ResponsePath(parsing: path.description) == path)
        }
    }

    @Test func evaluatesToTheValueOrNil() throws {
        func value(_ text: String) throws -> JSONValue? { try ResponsePath(parsing: text).evaluate(in: response) }
        #expect(try value("Role.RoleName") == "r")
        #expect(try value("Roles[1].RoleName") == "b")
        #expect(try value("Roles") == [["RoleName": "a"], ["RoleName": "b"]])
        #expect(try value("aws:SourceIp") == "10.0.0.1")
        #expect(try value("model-id") == "nova")
        #expect(try value(#"["a.b"].c"#) == 1)
        #expect(try value("empty") == .null)
        #expect(try value("Roles[2]") == nil)
        #expect(try value("Role.Missing") == nil)
        #expect(try value("Role[0]") == nil)
        #expect(try value("Roles.RoleName") == nil)
        #expect(try ResponsePath(parsing: "[1]").evaluate(in: ["x", "y"]) == "y")
    }

    @Test(arguments: [
        ("", "empty path", 0),
        ("A..B", "empty member name", 2),
        (".A", "empty member name", 0),
        ("A.", "empty member name", 2),
        ("A[", "an index must be a non-negative integer", 2),
        ("A[-1]", "an index must be a non-negative integer", 2),
        ("A[x]", "an index must be a non-negative integer", 2),
        ("A[0", #"expected "]""#, 3),
        ("A]", #"unexpected "]""#, 1),
        ("A[0]B", #"unexpected "B""#, 4),
        ("A B", "unexpected \" \"", 1),
        (#"[""]"#, "empty member name", 2),
        (#"["a"#, "unterminated quoted name", 3),
        (#"["a\n"]"#, #"only \" and \\ are escapes in a quoted name"#, 4),
    ])
    func rejectsBadPaths(text: String, reason: String, offset: Int) {
        #expect(throws: ResponsePathError(path: text, reason: reason, offset: offset)) {
            try ResponsePath(parsing: text)
        }
    }

    @Test func describesABadPath() {
        #expect(
            ResponsePathError(path: "A..B", reason: "empty member name", offset: 2).description
                == #"bad path "A..B": empty member name at character 3"#)
    }
}
