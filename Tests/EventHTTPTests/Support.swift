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
