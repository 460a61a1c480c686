#if canImport(Glibc)
    import Glibc
#endif

/// Connection faults a scenario asks for instead of a normal answer.
extension Connection {
    func misbehave(_ fault: ConnectionFault, _ response: Response, _ pending: Pending) {
        answered()
        switch fault {
        case .reset:
            flush()
            guard isOpen else { return }
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(socket, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            close()
        case .emptyResponse:
            closeAfterFlush = true
        case .garbage:
            output.append(contentsOf: Self.garbage)
            closeAfterFlush = true
        case .truncated:
            loop.encoder.head(
                response, minorVersion: pending.minorVersion, connection: .close,
                into: &output)
            output.append(contentsOf: response.body.prefix(response.body.count / 2))
            closeAfterFlush = true
        case .dribble(let chunks, let duration):
            dribble(response, pending, chunks: max(1, chunks), over: duration)
        case .hang:
            awaitingAnswer = true
            let connection = UncheckedConnection(self)
            loop.enqueue(after: loop.configuration.hangLimit) { connection.value.close() }
        }
    }

    /// The head at once, then the body in even pieces over `duration`; requests behind it wait.
    private func dribble(_ response: Response, _ pending: Pending, chunks: Int, over duration: Duration) {
        loop.encoder.head(
            response, minorVersion: pending.minorVersion,
            connection: pending.connectionHeader, into: &output)
        let body = pending.isHead ? [] : response.body
        let size = max(1, (body.count + chunks - 1) / chunks)
        let pieces = stride(from: 0, to: max(body.count, 1), by: size).map { Array(body[$0..<min($0 + size, body.count)]) }
        awaitingAnswer = true
        let target = UncheckedConnection(self)
        for (index, piece) in pieces.enumerated() {
            let last = index == pieces.count - 1
            loop.enqueue(after: duration * Double(index + 1) / Double(pieces.count)) {
                let connection = target.value
                guard connection.isOpen else { return }
                connection.output.append(contentsOf: piece)
                if last {
                    if !pending.keepAlive { connection.closeAfterFlush = true }
                    connection.awaitingAnswer = false
                    connection.flush()
                    connection.resume()
                } else {
                    connection.flush()
                }
            }
        }
    }

    private static let garbage = Array("\u{0}\u{7}garbage\u{1b}[0m not http \u{ff}\r\n\r\n".utf8)
}
