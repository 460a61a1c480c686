/// One HTTP answer as plain values. `delay` and `fault` let scenario files shape how it is delivered.
public struct Response: Sendable {
    public var status: Int
    public var headers: Headers
    public var body: [UInt8]
    /// Answer only after this long, on a timer of the connection's own event loop.
    public var delay: Duration?
    /// Misbehave at the connection instead of answering normally.
    public var fault: ConnectionFault?

    public init(
        status: Int = 200, headers: Headers = [:], body: [UInt8] = [], delay: Duration? = nil, fault: ConnectionFault? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.fault = fault
    }

    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }
}

/// Ways a connection can go wrong, as a client sees them.
public enum ConnectionFault: Sendable, Equatable {
    /// TCP reset (SO_LINGER 0 then close).
    case reset
    /// Close without writing anything.
    case emptyResponse
    /// Bytes that are not HTTP, then close.
    case garbage
    /// Status line and headers announce the full body; half of it is sent, then close.
    case truncated
    /// The answer goes out in `chunks` pieces spread evenly over `duration`.
    case dribble(chunks: Int, duration: Duration)
    /// Never answer; the connection stays open until the client gives up.
    case hang
}

/// The one handler shape: transport, router, admin and vendor routes all take a request and give an answer.
public typealias Handler = @Sendable (Request) -> Response

/// Wraps a handler; built once at registration, never per request.
public typealias Middleware = @Sendable (Request, Handler) -> Response
