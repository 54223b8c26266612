import Foundation
import Testing

@testable import Emulator

/// The session token carries a temporary credential's claims, so it is the credential: it must decode to
/// exactly what was issued, and to nothing at all after any change, with another key, or when oversized.
@Suite("Session token codec")
struct SessionTokenTests {
    static let codec = SessionTokenCodec(keyMaterial: Array(0..<64))
    static let accessKeyID = "ASIAQXAMPLE7TEMPKEY1"

    /// Claims with every field set away from its default.
    static let fullClaims: SessionClaims = {
        var c = SessionClaims(
            origin: .assumeRole, account: "123456789012", issuedAt: 1_736_942_400, expiration: 1_736_946_000)
        c.roleName = "airia-bedrock-access"
        c.rolePath = "/connectors/"
        c.roleID = "AROAQXAMPLE7ROLEID001"
        c.sessionName = "connector-session"
        c.sourceIdentity = "alice@example.com"
        c.tags = [Tag(key: "team", value: "ml"), Tag(key: "env", value: "")]
        c.transitiveTagKeys = ["team"]
        c.sessionPolicy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:*","Resource":"*"}]}"#
        c.sessionPolicyARNs = ["arn:aws:iam::aws:policy/AmazonBedrockReadOnly"]
        c.userName = "saas-connector"
        c.multiFactorAuthenticated = true
        return c
    }()

    static let minimalClaims = SessionClaims(
        origin: .getSessionToken, account: "111111111111", issuedAt: 0, expiration: 900)

    @Test("decodes to exactly the claims it was made from", arguments: [fullClaims, minimalClaims])
    func roundTrip(claims: SessionClaims) {
        let token = Self.codec.encode(claims, accessKeyID: Self.accessKeyID)
        #expect(Self.codec.decode(token, accessKeyID: Self.accessKeyID) == claims)
    }

    @Test("non-ASCII text in the claims survives the round trip")
    func unicodeRoundTrip() {
        var claims = Self.fullClaims
        claims.tags = [Tag(key: "équipe", value: "機械学習")]
        let token = Self.codec.encode(claims, accessKeyID: Self.accessKeyID)
        #expect(Self.codec.decode(token, accessKeyID: Self.accessKeyID) == claims)
    }

    @Test("one flipped bit anywhere in the token makes it worthless")
    func flippedByte() throws {
        let token = Self.codec.encode(Self.fullClaims, accessKeyID: Self.accessKeyID)
        let bytes = [UInt8](try #require(Data(base64Encoded: token)))
        // Every position: version byte, claims, MAC.
        for index in bytes.indices {
            var tampered = bytes
            tampered[index] ^= 0x01
            let forged = Data(tampered).base64EncodedString()
            #expect(Self.codec.decode(forged, accessKeyID: Self.accessKeyID) == nil, "byte \(index)")
        }
    }

    @Test("a token only works with the access key it was issued with")
    func wrongAccessKey() {
        let token = Self.codec.encode(Self.fullClaims, accessKeyID: Self.accessKeyID)
        #expect(Self.codec.decode(token, accessKeyID: "ASIAQXAMPLE7TEMPKEY2") == nil)
    }

    @Test("a token from other key material (before a reset) is refused")
    func otherKeys() {
        let token = Self.codec.encode(Self.fullClaims, accessKeyID: Self.accessKeyID)
        let other = SessionTokenCodec(keyMaterial: Array(1...64))
        #expect(other.decode(token, accessKeyID: Self.accessKeyID) == nil)
    }

    @Test("a validly signed token above the size limit is refused before decoding")
    func oversized() {
        var claims = Self.fullClaims
        claims.sessionPolicy = String(repeating: "x", count: SessionTokenCodec.maxTokenBytes)
        let token = Self.codec.encode(claims, accessKeyID: Self.accessKeyID)
        #expect(token.utf8.count > SessionTokenCodec.maxTokenBytes)
        #expect(Self.codec.decode(token, accessKeyID: Self.accessKeyID) == nil)
    }

    @Test(
        "garbage, truncation and a bare MAC are refused",
        arguments: ["", "not base64!", "AAAA", String(repeating: "A", count: 44)])
    func garbage(token: String) {
        #expect(Self.codec.decode(token, accessKeyID: Self.accessKeyID) == nil)
    }

    @Test("a truncated token is refused")
    func truncated() {
        let token = Self.codec.encode(Self.fullClaims, accessKeyID: Self.accessKeyID)
        let bytes = [UInt8](Data(base64Encoded: token) ?? Data())
        let cut = Data(bytes.dropLast(1)).base64EncodedString()
        #expect(Self.codec.decode(cut, accessKeyID: Self.accessKeyID) == nil)
    }

    @Test("the secret of a temporary key is 40 base64 characters, fixed per key, different between keys")
    func derivedSecret() {
        let secret = Self.codec.secret(for: Self.accessKeyID)
        #expect(secret.count == 40)
        #expect(secret.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") })
        #expect(Self.codec.secret(for: Self.accessKeyID) == secret)
        #expect(Self.codec.secret(for: "ASIAQXAMPLE7TEMPKEY2") != secret)
    }

    @Test("each reset generation of a seeded emulator gets different key material")
    func generations() {
        let first = Self.codec.keyMaterial(mixing: 1)
        let second = Self.codec.keyMaterial(mixing: 2)
        #expect(first.count == 64 && second.count == 64)
        #expect(first != second)
        #expect(Self.codec.keyMaterial(mixing: 1) == first)
    }
}
