import EventHTTP
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A server on an ephemeral port with a handler written by the test.
func withServer(
    threads: Int = 2, maxBodyBytes: Int = 1024, drain: Duration = .milliseconds(1500),
    _ handler: @escaping Handler, _ body: (HTTPServer) throws -> Void
) throws {
    let server = try HTTPServer(
        configuration: ServerConfiguration(port: 0, threads: threads, maxBodyBytes: maxBodyBytes, drainTimeout: drain),
        handler: handler)
    server.start()
    defer { server.stop() }
    try body(server)
}

final class Box<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}

func monotonicNow() -> ContinuousClock.Instant { ContinuousClock.now }

/// A keep-alive connection that writes requests and reads answers by Content-Length.
final class KeepAliveConnection {
    let socket: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
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

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    func readAnswer() throws -> BlockingHTTPClient.Answer {
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

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        return (0...(pending.count - 4)).first {
            pending[$0] == 13 && pending[$0 + 1] == 10 && pending[$0 + 2] == 13 && pending[$0 + 3] == 10
        }
    }

    private func contentLength(upTo end: Int) -> Int? {
        let head = String(decoding: pending[0..<end], as: UTF8.self).lowercased()
        guard let range = head.firstRange(of: "content-length:") else { return 0 }
        return Int(String(head[range.upperBound...].prefix { $0 != "\r" }).trimmingCharacters(in: " "))
    }
}
