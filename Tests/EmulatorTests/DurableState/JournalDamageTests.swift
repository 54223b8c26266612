import Foundation
import SigV4
import Testing

@testable import Emulator

/// A damaged journal never keeps the emulator from starting: it restores the records before the damage, warns
/// with the offset, keeps the damaged file aside, and compacts to the good part (docs/persistence.md).
@Suite("Journal damage")
struct JournalDamageTests {
    static let customer = Credentials.root(ConnectorFlow.customerAccount)

    /// A cut-short last record, alone or followed by garbage, as a crash mid-`write` (or a disk) leaves it; or a
    /// last record whose bytes never reached the disk (zeros, the file's size written before its data).
    struct TornTail: Sendable, CustomTestStringConvertible {
        var cut = 0
        var garbage = 0
        var zeroed = false
        var testDescription: String {
            zeroed ? "last record zero-filled" : "\(cut) bytes cut, \(garbage) bytes of garbage appended"
        }
        /// Whether the damage reads as a write cut short: garbage that does not reach past the record's own length
        /// cannot be told from one; beyond it, a record seems to follow, so it reads as corruption.
        var readsAsTorn: Bool { garbage <= cut }
    }

    @Test(
        "a torn last record is dropped with a warning; only that change is lost",
        arguments: [
            TornTail(cut: 3), TornTail(cut: 9), TornTail(cut: 3, garbage: 2), TornTail(cut: 3, garbage: 64),
            TornTail(zeroed: true),
        ])
    func tornTail(_ tail: TornTail) throws {
        let directory = StateDirectoryFixture()
        try createRoles(["first", "second"], in: directory)
        // The crash hits the write of the second role's account record: the CloudTrail events written after it
        // never reached the file.
        let written = try directory.journal()
        let lastFrame = try #require(
            JournalFormat.frames(in: written).frames.last { frame in
                if case .account(let account) = JournalRecord(
                    payload: Array(written[frame.payload]), policies: PolicyRecompiler())
                {
                    return account.roles["second"] != nil
                }
                return false
            })
        var bytes = Array(written[..<lastFrame.payload.upperBound])
        let lastOffset = lastFrame.offset
        if tail.zeroed { bytes.replaceSubrange(lastOffset..., with: repeatElement(0, count: bytes.count - lastOffset)) }
        try directory.writeJournal(
            Array(bytes.dropLast(tail.cut)) + (0..<tail.garbage).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })

        let endpoint = try directory.endpoint()
        #expect(endpoint.call(.iam, "GetRole", ["RoleName": "first"], as: Self.customer).status == 200)
        #expect(endpoint.call(.iam, "GetRole", ["RoleName": "second"], as: Self.customer).errorCode == "NoSuchEntity")
        let warning = try #require(directory.warnings.first)
        #expect(warning.contains("offset \(lastOffset)"), "\(warning)")
        #expect(warning.contains("the last record is incomplete") == tail.readsAsTorn, "\(warning)")
        #expect(try directory.permissions("journal.damaged") == 0o600)
        // The new journal holds only the good part: the next start has nothing to report.
        try endpoint.createRole("third", trust: ConnectorFlow.trustPolicy(), in: ConnectorFlow.customerAccount)
        _ = consume endpoint
        let again = try directory.endpoint()
        #expect(again.call(.iam, "GetRole", ["RoleName": "third"], as: Self.customer).status == 200)
        #expect(directory.warnings.count == 1, "\(directory.warnings)")
    }

    /// Damage inside the journal, followed by intact records.
    enum MiddleDamage: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case flippedPayloadByte, impossibleLength
        var testDescription: String { rawValue }
        var reason: String { self == .flippedPayloadByte ? "checksum mismatch" : "impossible record length" }
    }

    @Test(
        "a corrupt record in the middle stops replay there, keeping what came before", arguments: MiddleDamage.allCases)
    func middleDamage(_ damage: MiddleDamage) throws {
        let directory = StateDirectoryFixture()
        try createRoles(["first", "second", "third"], in: directory)
        var bytes = try directory.journal()
        let frames = JournalFormat.frames(in: bytes).frames
        // The account snapshot that first holds `second`.
        let frame = try #require(
            frames.first { frame in
                guard
                    case .account(let account) = JournalRecord(
                        payload: Array(bytes[frame.payload]), policies: PolicyRecompiler())
                else { return false }
                return account.role(named: "second") != nil
            })
        #expect(frame.payload.upperBound < bytes.count, "intact records follow it")
        switch damage {
        case .flippedPayloadByte: bytes[frame.payload.upperBound - 1] ^= 0x5A
        case .impossibleLength:
            bytes.replaceSubrange(frame.offset..<(frame.offset + 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
        }
        try directory.writeJournal(bytes)

        let endpoint = try directory.endpoint()
        #expect(endpoint.call(.iam, "GetRole", ["RoleName": "first"], as: Self.customer).status == 200)
        for name in ["second", "third"] {
            #expect(endpoint.call(.iam, "GetRole", ["RoleName": name], as: Self.customer).errorCode == "NoSuchEntity")
        }
        let warning = try #require(directory.warnings.first)
        #expect(warning.contains("corrupt record at offset \(frame.offset) (\(damage.reason)"), "\(warning)")
        #expect(try directory.journal().count < bytes.count)
    }

    @Test("no prefix of a record, and no record with a byte changed, crashes the reader")
    func hostilePayloads() throws {
        let directory = StateDirectoryFixture()
        do {
            let endpoint = try directory.endpoint()
            let flow = try endpoint.connectorFlow()
            try endpoint.assumeConnectorRole(flow).succeeded("AssumeRole")
            try endpoint.advanceVirtualClock(seconds: 5).succeeded("clock")
        }
        let bytes = try directory.journal()
        let payloads = JournalFormat.frames(in: bytes).frames.map { Array(bytes[$0.payload]) }
        #expect(payloads.count >= 5)
        let policies = PolicyRecompiler()
        for payload in payloads {
            #expect(JournalRecord(payload: payload, policies: policies) != nil)
            for length in 0..<payload.count {
                #expect(JournalRecord(payload: Array(payload[..<length]), policies: policies) == nil)
            }
            for index in payload.indices {
                var changed = payload
                changed[index] = ~changed[index]
                _ = JournalRecord(payload: changed, policies: policies)
            }
        }
    }

    @Test("CloudTrail events are journaled as opaque records, forgotten at a reset, and kept by compaction")
    func events() throws {
        let directory = StateDirectoryFixture()
        let fake = { (n: UInt8) in [UInt8](repeating: n, count: Int(n) * 10) }
        do {
            let emulator = try directory.emulator()
            emulator.journal(events: [fake(1)])
            emulator.reset()
            emulator.journal(events: [fake(2)])
            emulator.journal(events: [fake(3)])
        }
        let restored = {
            try JournalDirectory(path: directory.path, warn: { _ in }).restore(wallClock: { TestEndpoint.epoch })
        }
        #expect(try restored().events == [fake(2), fake(3)])
        // A start compacts the journal: the events are carried into the new one.
        _ = try directory.emulator()
        #expect(try restored().events == [fake(2), fake(3)])
    }

    /// Creates roles one after another as the customer's root, in an emulator dropped afterwards.
    private func createRoles(_ names: [String], in directory: StateDirectoryFixture) throws {
        let endpoint = try directory.endpoint()
        for name in names {
            try endpoint.createRole(name, trust: ConnectorFlow.trustPolicy(), in: ConnectorFlow.customerAccount)
        }
    }
}
