import CLibevent

#if canImport(Glibc)
    import Glibc
#endif

/// The passive TCP address for `host:port`, resolved once for whoever binds it.
enum ListenAddress {
    static func with<Result>(
        host: String, port: Int, _ body: (UnsafeMutablePointer<addrinfo>) throws(ServerError) -> Result
    ) throws(ServerError) -> Result {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let address = found else {
            throw ServerError(description: "cannot resolve host '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(found) }
        return try body(address)
    }

    /// `host:port` of a peer, numeric, as the journal shows it.
    static func describe(_ address: UnsafeMutablePointer<sockaddr>?, length: Int32) -> String {
        guard let address else { return "" }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let status = getnameinfo(
            address, socklen_t(length), &host, socklen_t(host.count), &service, socklen_t(service.count),
            NI_NUMERICHOST | NI_NUMERICSERV)
        guard status == 0 else { return "" }
        return String(decoding: host.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self) + ":"
            + String(decoding: service.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
    }
}
