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

/// One thread: an event base, its listener on the shared port, its connections and timers.
///
/// Unchecked Sendable because every mutable member is touched only from the loop's own thread;
/// other threads reach it only through `enqueue` (libevent's pthread locking makes that safe) and
/// the atomic `inFlight`.
final class EventLoop: @unchecked Sendable {
    let base: OpaquePointer
    let handler: Handler
    let configuration: ServerConfiguration
    /// Requests received and not yet answered (a hang counts as answered).
    let inFlight = Atomic<Int>(0)
    /// Where every connection of this loop reads into (one loop thread, one read at a time).
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
    var encoder = ResponseEncoder()
    private var listener: OpaquePointer?
    private var repeatingEvents: [OpaquePointer] = []
    private var connections: [ObjectIdentifier: Connection] = [:]
    /// Connections whose answers are written when the current pass over ready sockets ends.
    private var unflushed: [Connection] = []
    private var flushing: [Connection] = []
    private var thread: pthread_t?

    init(configuration: ServerConfiguration, handler: @escaping Handler) throws(ServerError) {
        guard let base = event_base_new() else { throw ServerError(description: "event_base_new failed") }
        self.base = base
        self.handler = handler
        self.configuration = configuration
    }

    deinit {
        for event in repeatingEvents { event_free(event) }
        if let listener { evconnlistener_free(listener) }
        event_base_free(base)
        readBuffer.deallocate()
    }

    // MARK: Listening

    /// Binds a listener with SO_REUSEPORT and returns the port it got.
    func listen(host: String, port: Int) throws(ServerError) -> Int {
        let flags = LEV_OPT_REUSEABLE | LEV_OPT_REUSEABLE_PORT | LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC
        let argument = Unmanaged.passUnretained(self).toOpaque()
        let listener = try ListenAddress.with(host: host, port: port) { (address) throws(ServerError) in
            guard
                let listener = evconnlistener_new_bind(
                    base,
                    { _, socket, address, length, argument in
                        Unmanaged<EventLoop>.fromOpaque(argument!).takeUnretainedValue().accept(socket, address, length)
                    }, argument, UInt32(flags), 1024, address.pointee.ai_addr, Int32(address.pointee.ai_addrlen))
            else {
                let reason = String(cString: strerror(errno))
                throw ServerError(description: "cannot listen on \(host):\(port): \(reason)")
            }
            return listener
        }
        self.listener = listener
        evconnlistener_set_error_cb(listener) { _, argument in
            guard let argument else { return }
            Unmanaged<EventLoop>.fromOpaque(argument).takeUnretainedValue().acceptFailed()
        }
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
            if let listener { evconnlistener_free(listener) }
            listener = nil
        }
    }

    /// accept() failed for a reason that does not pass by itself, above all running out of file
    /// descriptors: the listening socket stays readable, so accepting pauses instead of spinning,
    /// and the connections wait in the backlog until some close.
    private func acceptFailed() {
        guard let listener else { return }
        evconnlistener_disable(listener)
        enqueue(after: .milliseconds(100)) { [self] in
            if let listener = self.listener { evconnlistener_enable(listener) }
        }
    }

    private func accept(_ socket: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: Int32) {
        var on: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        let connection = Connection(loop: self, socket: socket, remoteAddress: ListenAddress.describe(address, length: length))
        connections[ObjectIdentifier(connection)] = connection
        connection.open()
    }

    func forget(_ connection: Connection) {
        connections[ObjectIdentifier(connection)] = nil
    }

    // MARK: Writing

    /// Answers go out together once every ready socket of a pass has been read: the client's
    /// threads then wake once per burst rather than once per answer, which measured 15-25% more
    /// answers per second with the client on the same two cores.
    func flushAtEndOfPass(_ connection: Connection) {
        unflushed.append(connection)
    }

    private func flushPass() {
        guard !unflushed.isEmpty else { return }
        swap(&unflushed, &flushing)
        for connection in flushing { connection.passEnded() }
        flushing.removeAll(keepingCapacity: true)
    }

    // MARK: Thread

    func start() {
        let argument = Unmanaged.passRetained(self).toOpaque()
        var handle = pthread_t()
        pthread_create(
            &handle, nil,
            { argument in
                let loop = Unmanaged<EventLoop>.fromOpaque(argument!).takeRetainedValue()
                repeat {
                    event_base_loop(loop.base, EVLOOP_ONCE | EVLOOP_NO_EXIT_ON_EMPTY)
                    loop.flushPass()
                } while event_base_got_break(loop.base) == 0
                loop.closeAll()
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

    /// Ends every connection once the loop has stopped (a server can be started again in the same process).
    private func closeAll() {
        for connection in Array(connections.values) { connection.close() }
    }
}

/// An event base handed to work that runs on its own loop thread.
struct UncheckedBase: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}
