import CLibevent
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP/1.1 server on every core: N threads, each with its own event base and listener on the
/// same port (SO_REUSEPORT), all calling one `Handler`. Also the timers and outbound client that
/// the layers above use, so nothing ever blocks a loop.
public final class HTTPServer: TimerScheduler, Sendable {
    public let configuration: ServerConfiguration
    /// The port actually bound (differs from the configuration when it asked for 0).
    public let port: Int
    private let loops: [EventLoop]
    private let nextLoop = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    public init(configuration: ServerConfiguration, handler: @escaping Handler) throws(ServerError) {
        Self.prepareProcess()
        self.configuration = configuration
        let count = configuration.threads > 0 ? configuration.threads : Self.coreCount
        if configuration.port != 0 { try Self.ensurePortIsFree(host: configuration.host, port: configuration.port) }
        var loops: [EventLoop] = []
        var port = configuration.port
        for _ in 0..<count {
            let loop = try EventLoop(configuration: configuration, handler: handler)
            port = try loop.listen(host: configuration.host, port: port)
            loops.append(loop)
        }
        self.loops = loops
        self.port = port
    }

    /// Starts the loop threads; returns at once.
    public func start() {
        for loop in loops { loop.start() }
    }

    /// Stops accepting, lets requests in flight finish (up to the drain timeout), then stops the loops.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        for loop in loops { loop.stopListening() }
        let deadline = ContinuousClock.now + configuration.drainTimeout
        while inFlight > 0, ContinuousClock.now < deadline { usleep(5_000) }
        for loop in loops { loop.exitAndJoin() }
    }

    /// Requests received and not yet answered, over all loops.
    public var inFlight: Int { loops.reduce(0) { $0 + $1.inFlight.load(ordering: .relaxed) } }

    public var threadCount: Int { loops.count }

    public func schedule(after delay: Duration, _ work: @escaping @Sendable () -> Void) {
        pickLoop().enqueue(after: delay, work)
    }

    public func repeating(every interval: Duration, _ work: @escaping @Sendable () -> Void) {
        loops[0].repeating(every: interval, work)
    }

    /// An outbound HTTP client running on these loops.
    public var outbound: any OutboundHTTPClient { OutboundClient(pick: pickLoop) }

    func pickLoop() -> EventLoop {
        loops[nextLoop.wrappingAdd(1, ordering: .relaxed).oldValue % loops.count]
    }

    /// SO_REUSEPORT would let this server share a port another process already listens on (the
    /// kernel would split the requests between them); a plain bind first makes that an error.
    static func ensurePortIsFree(host: String, port: Int) throws(ServerError) {
        try ListenAddress.with(host: host, port: port) { (address) throws(ServerError) in
            let probe = socket(address.pointee.ai_family, address.pointee.ai_socktype, 0)
            guard probe >= 0 else { return }
            defer { close(probe) }
            var on: Int32 = 1
            setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            if bind(probe, address.pointee.ai_addr, address.pointee.ai_addrlen) != 0 {
                throw ServerError(description: "cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
            }
        }
    }

    static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    private static let prepared: Bool = {
        signal(SIGPIPE, SIG_IGN)
        evthread_use_pthreads()
        return true
    }()

    static func prepareProcess() { _ = prepared }
}
