#if canImport(Glibc)
    import Glibc
#endif

/// A plain blocking HTTP/1.1 client over one socket per request: for `healthcheck` and for tests
/// that must see exactly what travels on the wire.
public struct BlockingHTTPClient: Sendable {
    public struct Answer: Sendable {
        public var status: Int
        public var headers: Headers
        public var body: [UInt8]
        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    public enum Failure: Error, Sendable, Equatable {
        case connect(String)
        case timeout
        /// The peer reset the connection.
        case reset
        /// The connection closed before a complete answer; `received` is what came.
        case closed(received: [UInt8])
        case malformed(String)
    }

    public var host: String
    public var port: Int
    public var timeout: Duration

    public init(host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(5)) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    public func send(_ method: String, _ target: String, headers: Headers = [:], body: [UInt8] = []) throws(Failure) -> Answer {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { text += "Content-Length: \(body.count)\r\n" }
        return try exchange(Array((text + "\r\n").utf8) + body)
    }

    public func send(_ method: String, _ target: String, headers: Headers = [:], json: String) throws(Failure) -> Answer {
        var all = headers
        all.add("Content-Type", "application/json")
        return try send(method, target, headers: all, body: Array(json.utf8))
    }

    /// Writes raw bytes and reads until the peer closes, then parses one answer.
    public func exchange(_ bytes: [UInt8]) throws(Failure) -> Answer {
        let received = try roundTrip(bytes)
        return try Self.parse(received)
    }

    /// Writes raw bytes and returns everything read until the peer closes.
    public func roundTrip(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let socket = try connect()
        defer { close(socket) }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { break }
            offset += sent
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 { received += buffer[0..<count]; continue }
            if count == 0 { return received }
            switch errno {
            case EAGAIN, EWOULDBLOCK: throw .timeout
            case ECONNRESET: throw .reset
            case EINTR: continue
            default: throw .closed(received: received)
            }
        }
    }

    private func connect() throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let address = found else {
            throw .connect("cannot resolve \(host)")
        }
        defer { freeaddrinfo(found) }
        let socket = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, 0)
        guard socket >= 0 else { throw .connect("socket() failed") }
        let (seconds, attoseconds) = timeout.components
        var time = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        guard Glibc.connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            close(socket)
            throw .connect("\(host):\(port): \(reason)")
        }
        return socket
    }

    /// Parses one HTTP/1.1 answer (Content-Length or chunked, or up to the close).
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> Answer {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else {
            throw .closed(received: bytes)
        }
        let headLines = String(decoding: bytes[..<headEnd], as: UTF8.self).split(
            separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = headLines.first?.split(separator: " ", maxSplits: 2) ?? []
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            throw .malformed(String(headLines.first ?? ""))
        }
        var headers = Headers()
        for line in headLines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: " \t"))
        }
        let rest = Array(bytes[(headEnd + 4)...])
        if let lengthText = headers["Content-Length"], let length = Int(lengthText) {
            guard rest.count >= length else { throw .closed(received: bytes) }
            return Answer(status: status, headers: headers, body: Array(rest.prefix(length)))
        }
        if headers["Transfer-Encoding"]?.lowercasedASCII() == "chunked" {
            return Answer(status: status, headers: headers, body: try dechunk(rest, whole: bytes))
        }
        return Answer(status: status, headers: headers, body: rest)
    }

    private static func dechunk(_ data: [UInt8], whole: [UInt8]) throws(Failure) -> [UInt8] {
        var body: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = (index..<max(index, data.count - 1)).first(where: { data[$0] == 13 && data[$0 + 1] == 10 }),
                let size = Int(String(decoding: data[index..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16)
            else { throw .closed(received: whole) }
            index = lineEnd + 2
            if size == 0 { return body }
            guard index + size <= data.count else { throw .closed(received: whole) }
            body += data[index..<(index + size)]
            index += size + 2
        }
    }
}

extension String {
    public func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
