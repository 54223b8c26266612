import AWSWire
import Testing

@Suite("Query-protocol flattening: member lists, structures, entry maps")
struct QueryValueTests {
    func flatten(_ form: String) throws -> QueryValue {
        try QueryValue(flattening: QueryParameters(decoding: form))
    }

    @Test("AssumeRole with tags, policy ARNs and transitive tag keys")
    func assumeRole() throws {
        let value = try flatten(
            "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2FConnectorRole"
                + "&Tags.member.2.Key=team&Tags.member.2.Value=data&Tags.member.1.Key=app&Tags.member.1.Value=web+app"
                + "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnly"
                + "&TransitiveTagKeys.member.1=app&TransitiveTagKeys.member.2=team")
        #expect(value["Action"] == .string("AssumeRole"))
        #expect(value["RoleArn"]?.stringValue == "arn:aws:iam::222222222222:role/ConnectorRole")
        let tags = try #require(value["Tags"]?.listValue)
        #expect(tags.count == 2)
        #expect(tags[0]["Key"] == .string("app"))
        #expect(tags[0]["Value"] == .string("web app"))
        #expect(tags[1]["Key"] == .string("team"))
        #expect(value["PolicyArns"]?.listValue?.first?["arn"]?.stringValue == "arn:aws:iam::aws:policy/ReadOnly")
        #expect(value["TransitiveTagKeys"] == .list([.string("app"), .string("team")]))
        #expect(value.structureValue?.map(\.name) == ["Action", "RoleArn", "Tags", "PolicyArns", "TransitiveTagKeys"])
    }

    @Test("list indices sort numerically, not as text")
    func numericOrder() throws {
        let value = try flatten("L.member.10=j&L.member.2=b&L.member.1=a")
        #expect(value["L"] == .list([.string("a"), .string("b"), .string("j")]))
    }

    @Test("maps use entry.N.key and entry.N.value")
    func maps() throws {
        let value = try flatten(
            "Attrs.entry.1.key=color&Attrs.entry.1.value=red&Attrs.entry.2.key=size&Attrs.entry.2.value=L")
        #expect(value["Attrs"] == .map([QueryField("color", .string("red")), QueryField("size", .string("L"))]))
        #expect(value["Attrs"]?["size"] == .string("L"))
    }

    @Test("an empty value reads as an empty list or map (botocore sends Name= for [])")
    func emptyList() throws {
        let value = try flatten("TagKeys=&RoleName=r")
        #expect(value["TagKeys"]?.listValue == [])
        #expect(value["TagKeys"]?.mapValue == [])
        #expect(value["RoleName"]?.listValue == nil)
    }

    @Test(
        "shape errors",
        arguments: [
            ("A=1&A=2", QueryDecodingError.Code.duplicateParameter),
            ("A=1&A.B=2", .conflictingShapes), ("A.B=2&A=1", .conflictingShapes),
            ("L.member.0=x", .invalidListIndex), ("L.member.x=x", .invalidListIndex),
            ("L.member.01=x", .invalidListIndex), ("L.member.-1=x", .invalidListIndex),
            ("L.member=x&L.member.1=y", .conflictingShapes),
            ("A..B=1", .emptyPathSegment), ("A.=1", .emptyPathSegment), (".A=1", .emptyPathSegment),
            ("M.entry.1.key=k", .invalidMapEntry), ("M.entry.1.key.x=k&M.entry.1.value=v", .invalidMapEntry),
            ("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q=1", .pathTooDeep),
        ])
    func errors(_ form: String, _ code: QueryDecodingError.Code) {
        #expect {
            try flatten(form)
        } throws: { error in
            (error as? QueryDecodingError)?.code == code
        }
    }
}
