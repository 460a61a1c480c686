/// Timers provided by the transport's event loops; nothing here blocks a loop.
public protocol TimerScheduler: Sendable {
    /// Runs `work` once after `delay` on an event loop.
    func schedule(after delay: Duration, _ work: @escaping @Sendable () -> Void)
    /// Runs `work` every `interval` on an event loop until the server stops.
    func repeating(every interval: Duration, _ work: @escaping @Sendable () -> Void)
}

/// The outcome of one outbound request.
public struct OutboundResult: Sendable {
    public var status: Int?
    public var body: [UInt8]
    /// Why no answer came (connection refused, timeout, …); nil when an answer arrived.
    public var error: String?
    public init(status: Int?, body: [UInt8], error: String?) {
        self.status = status
        self.body = body
        self.error = error
    }
}

/// Outbound HTTP on the transport's event loops, for callbacks.
public protocol OutboundHTTPClient: Sendable {
    func send(
        method: String, url: String, headers: Headers, body: [UInt8], timeout: Duration,
        completion: @escaping @Sendable (OutboundResult) -> Void)
}
