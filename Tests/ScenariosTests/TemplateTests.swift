import AWSWire
import Scenarios
import Testing

@Suite struct TemplateTests {
    let variables: [String: JSONValue] = [
        "name": "airia", "count": 3, "ok": true, "list": ["a", 1], "doc": ["Version": "2012-10-17"], "none": nil,
    ]

    @Test func aWholeValueReferenceKeepsTheSavedType() throws {
        #expect(try Template.substitute("${count}" as JSONValue, variables: variables) == 3)
        #expect(try Template.substitute("${list}" as JSONValue, variables: variables) == ["a", 1])
        #expect(try Template.substitute("${doc}" as JSONValue, variables: variables) == ["Version": "2012-10-17"])
        #expect(try Template.substitute("${none}" as JSONValue, variables: variables) == nil)
    }

    @Test func anEmbeddedReferenceBecomesText() throws {
        #expect(try Template.substitute("role-${name}", variables: variables) == "role-airia")
        #expect(
            try Template.substitute("${name}:${count}:${ok}:${list}:${doc}", variables: variables)
                == #"airia:3:true:["a",1]:{"Version":"2012-10-17"}"#)
        #expect(try Template.substitute(" ${count}" as JSONValue, variables: variables) == " 3")
    }

    @Test func substitutesInsideNestedValuesButNotKeys() throws {
        let value: JSONValue = ["${name}": ["x-${name}", ["n": "${count}"]], "plain": 1]
        #expect(
            try Template.substitute(value, variables: variables) == ["${name}": ["x-airia", ["n": 3]], "plain": 1])
    }

    @Test func dollarDollarBraceIsALiteral() throws {
        #expect(try Template.substitute("$${name} costs $5 and $$", variables: [:]) == "${name} costs $5 and $$")
        #expect(try Template.substitute("$${name}" as JSONValue, variables: [:]) == "${name}")
        #expect(Template.references(in: "$${name}") == [])
    }

    @Test func anUnknownVariableIsNamed() {
        #expect(throws: TemplateError.unknownVariable("missing")) {
            try Template.substitute("a ${missing}", variables: variables)
        }
        #expect(throws: TemplateError.unknownVariable("missing")) {
            try Template.substitute(["k": ["${missing}"]] as JSONValue, variables: variables)
        }
        #expect(TemplateError.unknownVariable("missing").description == "unknown variable ${missing}")
    }

    @Test func malformedReferencesAreErrors() {
        #expect(throws: TemplateError.malformed(text: "${open", reason: #""${" without a closing "}""#)) {
            try Template.substitute("${open", variables: variables)
        }
        #expect(throws: TemplateError.malformed(text: "${}", reason: #""${}" is not a variable name"#)) {
            try Template.substitute("${}", variables: variables)
        }
        #expect(throws: TemplateError.self) { try Template.validate(["a": ["${9lives}"]]) }
    }

    @Test func listsReferencesOnceInOrder() {
        let value: JSONValue = ["a": "${b}-${a}", "c": ["${b}", "${c_1}"], "d": 1]
        #expect(Template.references(in: value) == ["b", "a", "c_1"])
    }

    @Test func variableNames() {
        #expect(Template.isVariableName("externalId"))
        #expect(Template.isVariableName("_role-arn2"))
        #expect(!Template.isVariableName("2nd"))
        #expect(!Template.isVariableName("-x"))
        #expect(!Template.isVariableName("a.b"))
        #expect(!Template.isVariableName(""))
    }

    @Test func fillsAnActorsStringsWhenItIsUsed() throws {
        let session = ActorSpec.assume(
            AssumeSpec(actor: "connector", roleARN: "arn:aws:iam::123456789012:role/${name}", externalID: "${name}-id"))
        #expect(
            try session.substituting(variables)
                == .assume(
                    AssumeSpec(
                        actor: "connector", roleARN: "arn:aws:iam::123456789012:role/airia", externalID: "airia-id")))
        let keys = ActorSpec.keys(accessKeyID: "${name}", secretAccessKey: "s", sessionToken: "${count}")
        #expect(
            try keys.substituting(variables) == .keys(accessKeyID: "airia", secretAccessKey: "s", sessionToken: "3"))
        #expect(throws: TemplateError.unknownVariable("nope")) {
            try ActorSpec.keys(accessKeyID: "${nope}", secretAccessKey: "s", sessionToken: nil).substituting(variables)
        }
    }
}
