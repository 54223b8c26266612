import RoleplayCrypto
import SigV4
import Testing

/// The comparisons signatures, session-token MACs and admin tokens go through: right answers for equal, unequal
/// and different-length inputs (their timing is by construction: no early exit).
@Suite struct ConstantTimeTests {
    @Test func strings() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(ConstantTime.equals("", ""))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(!ConstantTime.equals("xbc", "abc"))
        #expect(!ConstantTime.equals("abc", "abcd"))
        #expect(!ConstantTime.equals("abcd", "abc"))
    }

    @Test func bytes() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([0, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
    }

    @Test func digestAgainstHex() {
        let digest = SHA256.hash(Array("roleplay".utf8))
        #expect(ConstantTime.equals(digest, hex: digest.hex))
        #expect(!ConstantTime.equals(digest, hex: digest.hex.uppercased()))
        #expect(
            !ConstantTime.equals(digest, hex: String(digest.hex.dropLast()) + (digest.hex.hasSuffix("0") ? "1" : "0")))
        #expect(!ConstantTime.equals(digest, hex: String(digest.hex.dropLast())))
        #expect(!ConstantTime.equals(digest, hex: digest.hex + "0"))
    }
}
