@_exported import HTTPCore

/// How the HTTP server listens and what it tolerates.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port; `HTTPServer.port` tells which.
    public var port: Int
    /// Event loops, one thread each, all bound to the port with SO_REUSEPORT.
    public var threads: Int
    /// Bodies above this reach the handler flagged `bodyTooLarge` (answered 413 in the vendor's form).
    public var maxBodyBytes: Int
    public var maxHeaderBytes: Int
    /// A connection idle (or stalled while reading a request) this long is closed.
    public var idleTimeout: Duration
    /// A `hang` fault lets go of the connection after this long at the latest.
    public var hangLimit: Duration
    /// How long a graceful stop waits for requests in flight.
    public var drainTimeout: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, threads: Int = 0, maxBodyBytes: Int = 1 << 20,
        maxHeaderBytes: Int = 64 << 10, idleTimeout: Duration = .seconds(60), hangLimit: Duration = .seconds(300),
        drainTimeout: Duration = .milliseconds(1500)
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.idleTimeout = idleTimeout
        self.hangLimit = hangLimit
        self.drainTimeout = drainTimeout
    }

    /// libevent's own cap: above it libevent refuses the body itself (HTML 413, connection closed);
    /// between `maxBodyBytes` and this, the vendor's JSON 413 answers.
    var transportBodyCap: Int { max(maxBodyBytes * 4, maxBodyBytes + 16 << 20) }
}

public struct ServerError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
