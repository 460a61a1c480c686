import CLibevent

#if canImport(Glibc)
    import Glibc
#endif

/// One request waiting for its answer on its loop's thread: a normal reply or a connection fault.
struct Exchange {
    let loop: EventLoop
    let request: OpaquePointer
    let connection: OpaquePointer
    let token: EventLoop.ConnectionToken

    func deliver(_ response: Response) {
        guard loop.isAlive(token) else { return }
        switch response.fault {
        case nil: reply(response)
        case .reset:
            resetConnection()
            closeSoon()
        case .emptyResponse:
            closeSoon()
        case .garbage:
            writeRaw(Array("\u{0}\u{7}garbage\u{1b}[0m not http \u{ff}\r\n\r\n".utf8))
            closeSoon()
        case .truncated:
            var bytes = HTTPText.head(response, contentLength: response.body.count, close: true)
            bytes += response.body.prefix(response.body.count / 2)
            writeRaw(bytes)
            closeSoon()
        case .dribble(let chunks, let duration):
            dribble(response, chunks: max(1, chunks), over: duration)
        case .hang:
            loop.finished(token)
            let exchange = UncheckedExchange(self)
            loop.enqueue(after: loop.configuration.hangLimit) { exchange.value.closeSoon() }
        }
    }

    private func addHeaders(_ response: Response) {
        guard let output = evhttp_request_get_output_headers(request) else { return }
        for field in response.headers { evhttp_add_header(output, field.name, field.value) }
        if response.headers["Server"] == nil { evhttp_add_header(output, "Server", "ticketmock") }
    }

    private func reply(_ response: Response) {
        addHeaders(response)
        if let output = evhttp_request_get_output_buffer(request), !response.body.isEmpty {
            _ = response.body.withUnsafeBytes { evbuffer_add(output, $0.baseAddress, $0.count) }
        }
        evhttp_send_reply(request, Int32(response.status), HTTPText.reason(response.status), nil)
        loop.finished(token)
    }

    private func dribble(_ response: Response, chunks: Int, over duration: Duration) {
        addHeaders(response)
        evhttp_send_reply_start(request, Int32(response.status), HTTPText.reason(response.status))
        let body = response.body
        let size = max(1, (body.count + chunks - 1) / chunks)
        let pieces = stride(from: 0, to: max(body.count, 1), by: size).map { Array(body[$0..<min($0 + size, body.count)]) }
        let exchange = UncheckedExchange(self)
        for (index, piece) in pieces.enumerated() {
            let last = index == pieces.count - 1
            loop.enqueue(after: duration * Double(index + 1) / Double(pieces.count)) {
                exchange.value.sendChunk(piece, last: last)
            }
        }
    }

    private func sendChunk(_ piece: [UInt8], last: Bool) {
        guard loop.isAlive(token) else { return }
        if !piece.isEmpty, let buffer = evbuffer_new() {
            _ = piece.withUnsafeBytes { evbuffer_add(buffer, $0.baseAddress, $0.count) }
            evhttp_send_reply_chunk(request, buffer)
            evbuffer_free(buffer)
        }
        if last {
            evhttp_send_reply_end(request)
            loop.finished(token)
        }
    }

    private var socket: Int32 { bufferevent_getfd(evhttp_connection_get_bufferevent(connection)) }

    /// Sends a bare RST. libevent's own close shuts the write side first (a FIN the client would
    /// read as a clean end), so the connection is moved off libevent's descriptor, which gets a
    /// dummy socket to close instead, and closed here with SO_LINGER 0.
    private func resetConnection() {
        let descriptor = socket
        let connection = dup(descriptor)
        let dummy = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard connection >= 0, dummy >= 0 else { return }
        dup2(dummy, descriptor)
        close(dummy)
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(connection)
    }

    private func writeRaw(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Frees the connection from a fresh loop turn: libevent still uses it while our callback runs.
    func closeSoon() {
        let exchange = UncheckedExchange(self)
        loop.enqueue {
            let current = exchange.value
            guard current.loop.isAlive(current.token) else { return }
            evhttp_connection_free(current.connection)
        }
    }
}

/// Status lines and heads written by hand, for faults that bypass libevent's writer.
enum HTTPText {
    static func head(_ response: Response, contentLength: Int, close: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        for field in response.headers where !field.name.equalsIgnoringASCIICase("Content-Length") {
            text += "\(field.name): \(field.value)\r\n"
        }
        text += "Content-Length: \(contentLength)\r\n"
        if close { text += "Connection: close\r\n" }
        return Array((text + "\r\n").utf8)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
