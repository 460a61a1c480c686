import CLibevent
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A closure carried through libevent's `void *` argument.
final class Work {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// One thread: an event base, its HTTP server on the shared port, its timers.
///
/// Unchecked Sendable because every mutable member is touched only from the loop's own thread;
/// other threads reach it only through `enqueue` (libevent's pthread locking makes that safe) and
/// the atomic `inFlight`.
final class EventLoop: @unchecked Sendable {
    let base: OpaquePointer
    let http: OpaquePointer
    let handler: Handler
    let configuration: ServerConfiguration
    /// Requests received and not yet answered (a hang counts as answered).
    let inFlight = Atomic<Int>(0)
    private var boundSocket: OpaquePointer?
    private var repeatingEvents: [OpaquePointer] = []
    /// Live connections and their generation, so a timer never touches a freed connection.
    private var connections: [UInt: UInt64] = [:]
    private var nextGeneration: UInt64 = 0
    /// Requests waiting for an answer, by connection.
    private var pendingByConnection: [UInt: Int] = [:]
    private var thread: pthread_t?

    init(configuration: ServerConfiguration, handler: @escaping Handler) throws(ServerError) {
        guard let base = event_base_new() else { throw ServerError(description: "event_base_new failed") }
        guard let http = evhttp_new(base) else { throw ServerError(description: "evhttp_new failed") }
        self.base = base
        self.http = http
        self.handler = handler
        self.configuration = configuration
        let methods = [
            EVHTTP_REQ_GET, EVHTTP_REQ_POST, EVHTTP_REQ_HEAD, EVHTTP_REQ_PUT, EVHTTP_REQ_DELETE,
            EVHTTP_REQ_OPTIONS, EVHTTP_REQ_TRACE, EVHTTP_REQ_CONNECT, EVHTTP_REQ_PATCH,
        ]
        evhttp_set_allowed_methods(http, UInt16(methods.reduce(0) { $0 | $1.rawValue }))
        evhttp_set_max_body_size(http, configuration.transportBodyCap)
        evhttp_set_max_headers_size(http, configuration.maxHeaderBytes)
        var timeout = configuration.idleTimeout.timeval
        evhttp_set_timeout_tv(http, &timeout)
        evhttp_set_gencb(
            http,
            { request, argument in
                guard let request, let argument else { return }
                Unmanaged<EventLoop>.fromOpaque(argument).takeUnretainedValue().serve(request)
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        for event in repeatingEvents { event_free(event) }
        evhttp_free(http)
        event_base_free(base)
    }

    // MARK: Listening

    /// Binds a listener with SO_REUSEPORT and returns the port it got.
    func listen(host: String, port: Int) throws(ServerError) -> Int {
        let flags = LEV_OPT_REUSEABLE | LEV_OPT_REUSEABLE_PORT | LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC
        let listener = try ListenAddress.with(host: host, port: port) { (address) throws(ServerError) in
            guard
                let listener = evconnlistener_new_bind(
                    base, nil, nil, UInt32(flags), 1024, address.pointee.ai_addr, Int32(address.pointee.ai_addrlen))
            else {
                let reason = String(cString: strerror(errno))
                throw ServerError(description: "cannot listen on \(host):\(port): \(reason)")
            }
            return listener
        }
        boundSocket = evhttp_bind_listener(http, listener)
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(evconnlistener_get_fd(listener), $0, &length) }
        }
        return withUnsafePointer(to: &bound) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// Stops accepting; connections already open are served on.
    func stopListening() {
        enqueue { [self] in
            if let socket = boundSocket { evhttp_del_accept_socket(http, socket) }
            boundSocket = nil
        }
    }

    // MARK: Thread

    func start() {
        let argument = Unmanaged.passRetained(self).toOpaque()
        var handle = pthread_t()
        pthread_create(
            &handle, nil,
            { argument in
                let loop = Unmanaged<EventLoop>.fromOpaque(argument!).takeRetainedValue()
                event_base_loop(loop.base, EVLOOP_NO_EXIT_ON_EMPTY)
                return nil
            }, argument)
        thread = handle
    }

    func exitAndJoin() {
        // A break sent before the thread enters its loop would be lost (event_base_loop clears the
        // flag on entry), so the break travels as an event that the running loop processes.
        let base = UncheckedBase(base)
        enqueue { event_base_loopbreak(base.pointer) }
        if let thread { pthread_join(thread, nil) }
        thread = nil
    }

    // MARK: Timers

    /// Runs `work` on this loop after `delay`; safe from any thread.
    func enqueue(after delay: Duration = .zero, _ work: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Work(work)).toOpaque()
        var time = delay.timeval
        event_base_once(
            base, -1, Int16(EV_TIMEOUT),
            { _, _, argument in
                Unmanaged<Work>.fromOpaque(argument!).takeRetainedValue().run()
            }, box, &time)
    }

    func repeating(every interval: Duration, _ work: @escaping @Sendable () -> Void) {
        enqueue { [self] in
            let box = Unmanaged.passRetained(Work(work)).toOpaque()
            guard
                let event = event_new(
                    base, -1, Int16(EV_PERSIST),
                    { _, _, argument in
                        Unmanaged<Work>.fromOpaque(argument!).takeUnretainedValue().run()
                    }, box)
            else { return }
            var time = interval.timeval
            event_add(event, &time)
            repeatingEvents.append(event)
        }
    }

    // MARK: Connections

    /// A handle on a connection that stays safe to check after the connection is gone.
    struct ConnectionToken: Sendable {
        let address: UInt
        let generation: UInt64
    }

    private func track(_ connection: OpaquePointer) -> ConnectionToken {
        let address = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(connection)))
        if let generation = connections[address] { return ConnectionToken(address: address, generation: generation) }
        nextGeneration += 1
        connections[address] = nextGeneration
        evhttp_connection_set_closecb(
            connection,
            { connection, argument in
                guard let connection, let argument else { return }
                Unmanaged<EventLoop>.fromOpaque(argument).takeUnretainedValue().forget(connection)
            }, Unmanaged.passUnretained(self).toOpaque())
        return ConnectionToken(address: address, generation: nextGeneration)
    }

    private func forget(_ connection: OpaquePointer) {
        let address = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(connection)))
        connections[address] = nil
        if let pending = pendingByConnection.removeValue(forKey: address) {
            inFlight.subtract(pending, ordering: .relaxed)
        }
    }

    func isAlive(_ token: ConnectionToken) -> Bool { connections[token.address] == token.generation }

    /// Marks one request of the connection answered.
    func finished(_ token: ConnectionToken) {
        guard let pending = pendingByConnection[token.address], pending > 0 else { return }
        pendingByConnection[token.address] = pending == 1 ? nil : pending - 1
        inFlight.subtract(1, ordering: .relaxed)
    }

    // MARK: Serving

    private func serve(_ rawRequest: OpaquePointer) {
        guard let connection = evhttp_request_get_connection(rawRequest) else { return }
        let token = track(connection)
        pendingByConnection[token.address, default: 0] += 1
        inFlight.add(1, ordering: .relaxed)
        let request = RequestReader.read(rawRequest, connection: connection, maxBodyBytes: configuration.maxBodyBytes)
        let response = handler(request)
        let exchange = Exchange(loop: self, request: rawRequest, connection: connection, token: token)
        if let delay = response.delay, delay > .zero {
            let deferred = UncheckedExchange(exchange)
            enqueue(after: delay) { deferred.value.deliver(response) }
        } else {
            exchange.deliver(response)
        }
    }
}

/// An event base handed to work that runs on its own loop thread.
struct UncheckedBase: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}

/// Moves an exchange into a timer closure; the closure runs on the exchange's own loop thread.
struct UncheckedExchange: @unchecked Sendable {
    let value: Exchange
    init(_ value: Exchange) { self.value = value }
}
