import Emulator
import Testing

/// `--admin-token`'s check of an `Authorization` header.
@Suite struct AdminTokenTests {
    let token = AdminToken("s3cret")!

    @Test func acceptsTheBearerToken() {
        #expect(token.accepts(authorization: "Bearer s3cret"))
        #expect(token.accepts(authorization: "bearer s3cret"))
        #expect(token.accepts(authorization: "BEARER s3cret"))
    }

    @Test("refuses a missing, wrong, shorter, longer or differently-framed token")
    func refusesEverythingElse() {
        for header in [
            nil, "", "Bearer", "Bearer ", "Bearer s3cre", "Bearer s3cret ", "Bearer s3cretX", "Bearer S3CRET",
            "Basic s3cret", "s3cret", "Bearer  s3cret",
        ] {
            #expect(!token.accepts(authorization: header), "\(header ?? "nil")")
        }
    }

    @Test func anEmptyTokenIsNoToken() {
        #expect(AdminToken("") == nil)
    }
}
