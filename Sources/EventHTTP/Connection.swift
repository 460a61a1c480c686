import CLibevent

#if canImport(Glibc)
    import Glibc
#endif

/// One accepted socket on one loop: reads requests, calls the handler, writes answers in order.
///
/// Everything runs on the loop's thread. The socket is driven by two libevent events (readable,
/// writable); bytes are parsed here rather than by evhttp, which measured at 0.6x nginx for a
/// static answer and left no room for the emulators' work.
final class Connection {
    enum Phase {
        case head
        /// Reading the body of `head` with `reader`.
        case body
        /// The answer went out with `Connection: close`; the peer's bytes are drained until it closes.
        case closing
    }

    /// What the answer to the request being handled must respect.
    struct Pending {
        let minorVersion: Int
        let keepAlive: Bool
        let isHead: Bool

        /// What the answer's head says about the connection (RFC 9112 §9.3).
        var connectionHeader: ConnectionHeader { !keepAlive ? .close : minorVersion == 0 ? .keepAlive : .implicit }
    }

    let loop: EventLoop
    let socket: Int32
    let remoteAddress: String
    private var readEvent: OpaquePointer?
    private var writeEvent: OpaquePointer?
    private var phase = Phase.head
    /// The request whose body is being read. Kept beside the phase, not in it, so that reading
    /// the body and handing the request on move it rather than copy it.
    private var head: RequestHead?
    private var reader = BodyReader(framing: .none, limit: 0)
    private var input: [UInt8] = []
    private var inputStart = 0
    private var headScanned = 0
    var output: [UInt8] = []
    private var written = 0
    private var writeArmed = false
    private var queuedForFlush = false
    private var readArmed = false
    /// An answer is on a timer (delay, dribble or hang): later requests wait behind it.
    var awaitingAnswer = false
    var closeAfterFlush = false
    /// Requests handed to the handler and not answered yet (counted in the loop's `inFlight`).
    private var unanswered = 0
    private(set) var isOpen = true

    init(loop: EventLoop, socket: Int32, remoteAddress: String) {
        self.loop = loop
        self.socket = socket
        self.remoteAddress = remoteAddress
    }

    func open() {
        let argument = Unmanaged.passUnretained(self).toOpaque()
        readEvent = event_new(
            loop.base, socket, Int16(EV_READ | EV_PERSIST),
            { _, what, argument in
                let connection = Unmanaged<Connection>.fromOpaque(argument!).takeUnretainedValue()
                withExtendedLifetime(connection) { connection.readable(timedOut: what & Int16(EV_TIMEOUT) != 0) }
            }, argument)
        writeEvent = event_new(
            loop.base, socket, Int16(EV_WRITE | EV_PERSIST),
            { _, _, argument in
                let connection = Unmanaged<Connection>.fromOpaque(argument!).takeUnretainedValue()
                withExtendedLifetime(connection) { connection.flush() }
            }, argument)
        armReading(true, timeout: loop.configuration.idleTimeout)
    }

    // MARK: Reading

    private func readable(timedOut: Bool) {
        guard isOpen else { return }
        if timedOut {
            // A request waiting on a timer is not idle; its own timer ends it.
            if !awaitingAnswer { close() }
            return
        }
        let scratch = loop.readBuffer
        let count = read(socket, scratch.baseAddress, scratch.count)
        if count == 0 { return close() }
        if count < 0 {
            if errno != EAGAIN && errno != EINTR { close() }
            return
        }
        if case .closing = phase { return }
        input.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
        process()
        if written == output.count {
            flush()
        } else if !queuedForFlush {
            queuedForFlush = true
            loop.flushAtEndOfPass(self)
        }
    }

    /// Serves every complete request in the input, in order, until one has to wait.
    func process() {
        while isOpen, !awaitingAnswer, !closeAfterFlush, inputStart < input.count || isBodyComplete {
            do throws(Rejection) {
                guard try step() else { break }
            } catch {
                reject(error)
            }
        }
        compactInput()
        let backlog = input.count + output.count - written
        armReading(backlog < loop.configuration.maxHeaderBytes + loop.configuration.maxBodyBytes + (64 << 10))
    }

    private var isBodyComplete: Bool {
        if case .body = phase { return reader.isComplete }
        return false
    }

    /// Advances the parse by one phase; false when more bytes are needed.
    private func step() throws(Rejection) -> Bool {
        switch phase {
        case .closing:
            return false
        case .head:
            let outcome = try input.withUnsafeBufferPointer { (all) throws(Rejection) in
                try RequestHeadParser.parse(
                    UnsafeBufferPointer(rebasing: all[inputStart...]), from: headScanned,
                    maxHeaderBytes: loop.configuration.maxHeaderBytes)
            }
            switch consume outcome {  // the head moved out, not copied
            case .incomplete(let scanned):
                headScanned = scanned
                return false
            case .head(let head, let length):
                inputStart += length
                headScanned = 0
                if head.expectsContinue, head.body != .none { output.append(contentsOf: Self.continueLine) }
                reader = BodyReader(framing: head.body, limit: loop.configuration.maxBodyBytes)
                self.head = consume head
                phase = .body
                return true
            }
        case .body:
            if !reader.isComplete {
                let taken = try input.withUnsafeBufferPointer { (all) throws(Rejection) in
                    try reader.consume(UnsafeBufferPointer(rebasing: all[inputStart...]))
                }
                inputStart += taken
                guard reader.isComplete else { return false }
            }
            phase = .head
            if let head = head.take() { dispatch(head) }
            return true
        }
    }

    private func compactInput() {
        if inputStart == input.count {
            input.removeAll(keepingCapacity: input.capacity <= 64 << 10)
        } else if inputStart > 0 {
            input.removeFirst(inputStart)
        }
        inputStart = 0
    }

    // MARK: Answering

    private func dispatch(_ head: consuming RequestHead) {
        let pending = Pending(minorVersion: head.minorVersion, keepAlive: head.keepAlive, isHead: head.isHead)
        let request = Request(
            method: head.method, uri: head.target, headers: head.headers, body: reader.takeBody(),
            bodyTooLarge: reader.tooLarge, remoteAddress: remoteAddress)
        unanswered += 1
        loop.inFlight.add(1, ordering: .relaxed)
        let response = loop.handler(request)
        if let delay = response.delay, delay > .zero {
            awaitingAnswer = true
            let connection = UncheckedConnection(self)
            loop.enqueue(after: delay) { connection.value.deliverLater(response, pending) }
        } else {
            deliver(response, pending)
        }
    }

    private func deliverLater(_ response: Response, _ pending: Pending) {
        guard isOpen else { return }
        awaitingAnswer = false
        deliver(response, pending)
        resume()
    }

    /// Serves requests that queued behind a timer, then writes.
    func resume() {
        guard isOpen, !awaitingAnswer else { return }
        process()
        flush()
    }

    func deliver(_ response: Response, _ pending: Pending) {
        if let fault = response.fault { return misbehave(fault, response, pending) }
        let sendsBody = !pending.isHead && ResponseEncoder.allowsBody(response.status)
        loop.encoder.head(
            response, minorVersion: pending.minorVersion,
            connection: pending.connectionHeader, into: &output)
        // As raw bytes: the array-to-array append took a generic path costing ~700 instructions.
        if sendsBody { response.body.withUnsafeBytes { output.append(contentsOf: $0) } }
        if !pending.keepAlive { closeAfterFlush = true }
        answered()
    }

    /// A request the transport itself refuses: answered, then the connection ends.
    private func reject(_ rejection: Rejection) {
        let response = loop.configuration.rejection(rejection.status, rejection.message)
        loop.encoder.head(response, minorVersion: 1, connection: .close, into: &output)
        output.append(contentsOf: response.body)
        closeAfterFlush = true
        inputStart = input.count
    }

    func answered() {
        guard unanswered > 0 else { return }
        unanswered -= 1
        loop.inFlight.subtract(1, ordering: .relaxed)
    }

    // MARK: Writing

    /// The loop's pass over ready sockets ended (see `EventLoop.flushAtEndOfPass`).
    func passEnded() {
        queuedForFlush = false
        flush()
    }

    /// Writes what it can; the write event finishes the rest when the socket has room.
    func flush() {
        guard isOpen else { return }
        while written < output.count {
            let sent = output.withUnsafeBytes { bytes in
                send(socket, bytes.baseAddress! + written, bytes.count - written, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                written += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                armWriting(true)
                return
            } else {
                return close()
            }
        }
        output.removeAll(keepingCapacity: output.capacity <= 64 << 10)
        written = 0
        armWriting(false)
        if closeAfterFlush {
            finishGracefully()
        } else if !readArmed {
            process()
        }
    }

    /// Half-closes and drains what the peer still sends, so a close never resets an answer the
    /// peer has not read yet.
    private func finishGracefully() {
        if case .closing = phase { return }
        phase = .closing
        shutdown(socket, Int32(SHUT_WR))
        armReading(true, timeout: .seconds(2), force: true)
    }

    // MARK: Events

    private func armReading(_ on: Bool, timeout: Duration? = nil, force: Bool = false) {
        guard let readEvent, on != readArmed || force else { return }
        readArmed = on
        if on {
            var time = (timeout ?? loop.configuration.idleTimeout).timeval
            event_add(readEvent, &time)
        } else {
            event_del(readEvent)
        }
    }

    private func armWriting(_ on: Bool) {
        guard let writeEvent, on != writeArmed else { return }
        writeArmed = on
        if on { event_add(writeEvent, nil) } else { event_del(writeEvent) }
    }

    func close() {
        guard isOpen else { return }
        isOpen = false
        if let readEvent { event_free(readEvent) }
        if let writeEvent { event_free(writeEvent) }
        readEvent = nil
        writeEvent = nil
        Glibc.close(socket)
        loop.inFlight.subtract(unanswered, ordering: .relaxed)
        unanswered = 0
        loop.forget(self)
    }

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}

/// Moves a connection into a timer closure; the closure runs on the connection's own loop thread.
struct UncheckedConnection: @unchecked Sendable {
    let value: Connection
    init(_ value: Connection) { self.value = value }
}
