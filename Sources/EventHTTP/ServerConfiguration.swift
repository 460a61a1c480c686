@_exported import HTTPCore

/// How the HTTP server listens and what it tolerates.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port; `HTTPServer.port` tells which.
    public var port: Int
    /// Event loops, one thread each, all bound to the port with SO_REUSEPORT.
    public var threads: Int
    /// Bodies above this are read and dropped; the request reaches the handler flagged
    /// `bodyTooLarge` (answered 413 in the vendor's form) and the connection stays usable.
    public var maxBodyBytes: Int
    public var maxHeaderBytes: Int
    /// A connection idle (or stalled while reading a request) this long is closed.
    public var idleTimeout: Duration
    /// A `hang` fault lets go of the connection after this long at the latest.
    public var hangLimit: Duration
    /// How long a graceful stop waits for requests in flight.
    public var drainTimeout: Duration
    /// The answer to a request the transport cannot parse (bad request line, header section too
    /// large, unsupported framing); the connection closes after it.
    public var rejection: @Sendable (_ status: Int, _ message: String) -> Response

    public init(
        host: String = "127.0.0.1", port: Int = 8080, threads: Int = 0, maxBodyBytes: Int = 1 << 20,
        maxHeaderBytes: Int = 64 << 10, idleTimeout: Duration = .seconds(60), hangLimit: Duration = .seconds(300),
        drainTimeout: Duration = .milliseconds(1500),
        rejection: @escaping @Sendable (_ status: Int, _ message: String) -> Response = { status, message in
            .text(message + "\n", status: status)
        }
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.idleTimeout = idleTimeout
        self.hangLimit = hangLimit
        self.drainTimeout = drainTimeout
        self.rejection = rejection
    }
}

public struct ServerError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
