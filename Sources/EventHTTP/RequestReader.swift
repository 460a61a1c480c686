import CLibevent

/// Turns an `evhttp_request` into a `Request` value.
enum RequestReader {
    static func read(_ request: OpaquePointer, connection: OpaquePointer, maxBodyBytes: Int) -> Request {
        let uri = evhttp_request_get_uri(request).map { String(cString: $0) } ?? "/"
        var headers = Headers()
        if let list = evhttp_request_get_input_headers(request) {
            var field = list.pointee.tqh_first
            while let current = field {
                headers.add(String(cString: current.pointee.key), String(cString: current.pointee.value))
                field = current.pointee.next.tqe_next
            }
        }
        var body: [UInt8] = []
        var tooLarge = false
        if let buffer = evhttp_request_get_input_buffer(request) {
            let length = evbuffer_get_length(buffer)
            if length > maxBodyBytes {
                tooLarge = true
            } else if length > 0 {
                body = [UInt8](unsafeUninitializedCapacity: length) { storage, count in
                    count = max(0, evbuffer_copyout(buffer, storage.baseAddress, length))
                }
            }
        }
        var peer: UnsafeMutablePointer<CChar>?
        var port: UInt16 = 0
        evhttp_connection_get_peer(connection, &peer, &port)
        let remote = peer.map { String(cString: $0) + ":\(port)" } ?? ""
        return Request(
            method: methodName(evhttp_request_get_command(request)), uri: uri, headers: headers, body: body,
            bodyTooLarge: tooLarge, remoteAddress: remote)
    }

    static func methodName(_ command: evhttp_cmd_type) -> String {
        switch command {
        case EVHTTP_REQ_GET: "GET"
        case EVHTTP_REQ_POST: "POST"
        case EVHTTP_REQ_HEAD: "HEAD"
        case EVHTTP_REQ_PUT: "PUT"
        case EVHTTP_REQ_DELETE: "DELETE"
        case EVHTTP_REQ_OPTIONS: "OPTIONS"
        case EVHTTP_REQ_TRACE: "TRACE"
        case EVHTTP_REQ_CONNECT: "CONNECT"
        case EVHTTP_REQ_PATCH: "PATCH"
        default: "UNKNOWN"
        }
    }
}
