import MockCore

#if canImport(Glibc)
    import Glibc
#endif

/// A keep-alive connection that writes requests and reads answers by Content-Length.
public final class KeepAliveConnection {
    public let socket: Int32
    private var pending: [UInt8] = []

    public init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw BlockingHTTPClient.Failure.connect("connect failed") }
        var time = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    public func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    public func readAnswer() throws -> BlockingHTTPClient.Answer {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let end = headEnd(), let length = contentLength(upTo: end), pending.count >= end + 4 + length {
                let answer = try BlockingHTTPClient.parse(Array(pending[0..<(end + 4 + length)]))
                pending.removeFirst(end + 4 + length)
                return answer
            }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw BlockingHTTPClient.Failure.closed(received: pending) }
            pending += buffer[0..<count]
        }
    }

    /// Everything the server sends until it closes (or the read times out).
    public func readToClose() -> [UInt8] {
        var received = pending
        pending = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return received }
            received += buffer[0..<count]
        }
    }

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        return (0...(pending.count - 4)).first {
            pending[$0] == 13 && pending[$0 + 1] == 10 && pending[$0 + 2] == 13 && pending[$0 + 3] == 10
        }
    }

    private func contentLength(upTo end: Int) -> Int? {
        let head = String(decoding: pending[0..<end], as: UTF8.self).lowercased()
        guard let range = head.firstRange(of: "content-length:") else { return 0 }
        return Int(String(head[range.upperBound...].prefix { $0 != "\r\n" && $0 != "\r" }).trimmingCharacters(in: " "))
    }
}
