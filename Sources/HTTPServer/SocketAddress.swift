import CMicroHTTPD

#if canImport(Glibc)
    import Glibc
#endif

/// An IPv4 or IPv6 listen address, parsed from a numeric literal (no name resolution).
struct SocketAddress {
    private enum Storage {
        case v4(sockaddr_in)
        case v6(sockaddr_in6)
    }

    private let storage: Storage
    /// The literal without brackets, as `BoundAddress` reports it.
    let host: String

    /// Nil unless `host` is an IPv4 or IPv6 literal (`[::1]` brackets are accepted).
    init?(host: String, port: UInt16) {
        var literal = host
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        self.host = literal
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, literal, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            storage = .v4(v4)
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, literal, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            storage = .v6(v6)
            return
        }
        return nil
    }

    var isIPv6: Bool {
        if case .v6 = storage { return true }
        return false
    }

    /// Whether only this machine can reach the address: 127.0.0.0/8, `::1`, or an IPv4-mapped `::ffff:127.x.y.z`.
    /// The wildcards `0.0.0.0` and `::` are not loopback: they listen on every interface.
    var isLoopback: Bool {
        switch storage {
        case .v4(let address):
            return UInt32(bigEndian: address.sin_addr.s_addr) >> 24 == 127
        case .v6(let address):
            var bytes = address.sin6_addr
            let octets = withUnsafeBytes(of: &bytes) { Array($0) }
            if octets[..<15].allSatisfy({ $0 == 0 }) && octets[15] == 1 { return true }
            let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
            return Array(octets[..<12]) == mappedPrefix && octets[12] == 127
        }
    }

    /// Lends the address as a `sockaddr` pointer, valid only inside `body`.
    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>) -> R) -> R {
        switch storage {
        case .v4(var address):
            return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
        case .v6(var address):
            return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
        }
    }

    /// `127.0.0.1` or `::1` for a peer address MHD reports; nil for other families.
    static func numericHost(of address: UnsafePointer<sockaddr>) -> String? {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let written: UnsafePointer<CChar>?
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            written = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                var bits = v4.pointee.sin_addr
                return inet_ntop(AF_INET, &bits, &text, socklen_t(text.count))
            }
        case AF_INET6:
            written = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                var bits = v6.pointee.sin6_addr
                return inet_ntop(AF_INET6, &bits, &text, socklen_t(text.count))
            }
        default:
            return nil
        }
        guard written != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
