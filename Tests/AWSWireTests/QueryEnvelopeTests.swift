import AWSWire
import Testing

@Suite("Query success envelope and XML writer (spec 3.1)")
struct QueryEnvelopeTests {
    @Test("success envelope with members, exactly as 3.1 shows")
    func withMembers() {
        let response = QueryEnvelope.success(
            operation: "GetCallerIdentity", namespace: QueryEnvelope.stsNamespace, requestID: "req-1",
            result: .members { w in
                w.element("UserId", text: "AIDAEXAMPLE")
                w.element("Account", text: "111111111111")
                w.element("Arn", text: "arn:aws:iam::111111111111:user/alice")
            })
        #expect(response.status == 200)
        #expect(response.headers == [HTTPField("Content-Type", "text/xml"), HTTPField("x-amzn-RequestId", "req-1")])
        guard case .bytes(let bytes) = response.body else {
            Issue.record("expected bytes")
            return
        }
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><UserId>AIDAEXAMPLE</UserId><Account>111111111111</Account><Arn>arn:aws:iam::111111111111:user/alice</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"#
        )
    }

    @Test("an empty output shape still sends <OpResult/> (boto3 KeyError otherwise)")
    func emptyResult() {
        let document = QueryEnvelope.successDocument(
            operation: "UpdateRole", namespace: QueryEnvelope.iamNamespace, requestID: "r", result: .members { _ in })
        #expect(
            document
                == #"<UpdateRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><UpdateRoleResult/><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateRoleResponse>"#
        )
    }

    @Test("no output shape sends only ResponseMetadata")
    func noResult() {
        let document = QueryEnvelope.successDocument(
            operation: "DeleteRole", namespace: QueryEnvelope.iamNamespace, requestID: "r", result: .none)
        #expect(
            document
                == #"<DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteRoleResponse>"#
        )
    }

    @Test("lists and maps nest as member and entry")
    func nesting() {
        var w = XMLWriter()
        w.element("Tags") { w in
            w.element("member") { w in
                w.element("Key", text: "app")
                w.element("Value", text: "")
            }
        }
        w.element("Empty") { _ in }
        w.emptyElement("Also")
        w.element("Skipped", optional: nil)
        #expect(w.text == "<Tags><member><Key>app</Key><Value></Value></member></Tags><Empty/><Also/>")
    }

    @Test("escaping: the five entities, CR as a reference, forbidden controls replaced, UTF-8 kept")
    func escaping() {
        #expect(XMLWriter.escape("plain text") == "plain text")
        #expect(XMLWriter.escape(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;")
        #expect(XMLWriter.escape("a\tb\nc\rd") == "a\tb\nc&#xD;d")
        #expect(XMLWriter.escape("x\u{0}y\u{1B}z\u{7F}") == "x\u{FFFD}y\u{FFFD}z\u{7F}")
        #expect(XMLWriter.escape("\u{FFFE}\u{FFFF}") == "\u{FFFD}\u{FFFD}")
        #expect(XMLWriter.escape("isn’t ✓ 😀 %7B%22") == "isn’t ✓ 😀 %7B%22")
        var w = XMLWriter()
        w.element("Root", attributes: [("xmlns", "a\"b")]) { w in w.element("M", text: "é") }
        #expect(w.bytes == Array(#"<Root xmlns="a&quot;b"><M>é</M></Root>"#.utf8))
    }
}
