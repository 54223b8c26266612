import AWSWire
import Testing

/// The XML reader ConnectorKit parses STS and IAM answers with: AWS's shapes, and hostile input refused cleanly.
@Suite struct XMLReaderTests {
    @Test func anAssumeRoleAnswerReadsByPath() throws {
        let root = try XMLReader().parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SessionToken>a+b/c=</SessionToken></Credentials>
              </AssumeRoleResult>
              <!-- a comment -->
              <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """)
        #expect(root.name == "AssumeRoleResponse")
        #expect(root.value(at: "AssumeRoleResult/Credentials/AccessKeyId") == "ASIAEXAMPLE")
        #expect(root.value(at: "AssumeRoleResult/Credentials/SessionToken") == "a+b/c=")
        #expect(root.value(at: "ResponseMetadata/RequestId") == "r-1")
        #expect(root.value(at: "AssumeRoleResult/Missing") == nil)
    }

    @Test func entitiesCharacterReferencesAndCDATAAreDecoded() throws {
        let root = try XMLReader().parse(
            "<a><b>&lt;&gt;&amp;&quot;&apos; &#233;&#x2019;</b><c><![CDATA[<raw & text>]]></c><d/><d x='1'/></a>")
        #expect(root.value(at: "b") == "<>&\"' é’")
        #expect(root.value(at: "c") == "<raw & text>")
        #expect(root.children("d").count == 2)
    }

    @Test(arguments: [
        ("", "expected the root element"),
        ("<a>", "unclosed element <a>"),
        ("<a></b>", "</b> closes <a>"),
        ("<a>&bogus;</a>", "unknown reference &bogus;"),
        ("<a>&#xD800;</a>", "unknown reference &#xD800;"),
        ("<a>&amp</a>", "unterminated character reference"),
        ("<!DOCTYPE a [<!ENTITY x 'y'>]><a/>", "document type declarations are not accepted"),
        ("<a/><b/>", "content after the root element"),
        ("<a x=1/>", "expected a quoted attribute value"),
        ("<a><?pi?></a>", "declarations and processing instructions are not accepted inside elements"),
    ])
    func malformedInputIsAnErrorSayingWhy(input: String, reason: String) {
        let error = #expect(throws: XMLReader.Invalid.self) { try XMLReader().parse(input) }
        #expect(error?.reason == reason)
    }

    @Test func depthAndSizeAreBounded() {
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        let tooDeep = #expect(throws: XMLReader.Invalid.self) { try XMLReader(maxDepth: 64).parse(deep) }
        #expect(tooDeep?.reason == "elements nested deeper than 64")
        #expect(throws: XMLReader.Invalid.self) { try XMLReader(maxBytes: 10).parse("<a>0123456789</a>") }
    }
}
