import RoleplayCrypto
import Testing

@Suite("SecureRandom")
struct SecureRandomTests {
    @Test("gives exactly the bytes asked for", arguments: [0, 1, 16, 20, 32, 40, 1000, 65_536])
    func length(_ count: Int) throws {
        #expect(try SecureRandom.bytes(count).count == count)
    }

    @Test("two draws differ")
    func drawsDiffer() throws {
        #expect(try SecureRandom.bytes(32) != SecureRandom.bytes(32))
    }

    @Test("fills a caller's buffer (and leaves an empty one alone)")
    func fills() throws {
        var buffer = [UInt8](repeating: 0, count: 64)
        try buffer.withUnsafeMutableBytes { try SecureRandom.fill($0) }
        #expect(buffer != [UInt8](repeating: 0, count: 64))  // 2^-512 chance of a false failure
        try SecureRandom.fill(UnsafeMutableRawBufferPointer(start: nil, count: 0))
    }

    @Test("bytes are not obviously biased: every value appears in 64 KiB")
    func coversEveryByte() throws {
        #expect(Set(try SecureRandom.bytes(65_536)).count == 256)
    }
}
