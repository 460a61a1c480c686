import CLibevent

/// HTTP/1.1 requests from an event loop (for callbacks). Only `http://` URLs: callbacks go to
/// receivers a test runs beside the emulator.
struct OutboundClient: OutboundHTTPClient {
    let pick: @Sendable () -> EventLoop

    func send(
        method: String, url: String, headers: Headers, body: [UInt8], timeout: Duration,
        completion: @escaping @Sendable (OutboundResult) -> Void
    ) {
        guard let target = OutboundTarget(url) else {
            completion(OutboundResult(status: nil, body: [], error: "unsupported or malformed URL: \(url)"))
            return
        }
        let loop = pick()
        loop.enqueue {
            Self.start(
                on: loop, method: method, target: target, headers: headers, body: body, timeout: timeout,
                completion: completion)
        }
    }

    private final class Pending {
        let completion: @Sendable (OutboundResult) -> Void
        init(_ completion: @escaping @Sendable (OutboundResult) -> Void) { self.completion = completion }
    }

    private static func start(
        on loop: EventLoop, method: String, target: OutboundTarget, headers: Headers, body: [UInt8], timeout: Duration,
        completion: @escaping @Sendable (OutboundResult) -> Void
    ) {
        guard let connection = evhttp_connection_base_new(loop.base, nil, target.host, UInt16(target.port)) else {
            completion(OutboundResult(status: nil, body: [], error: "cannot connect to \(target.host):\(target.port)"))
            return
        }
        var time = timeout.timeval
        evhttp_connection_set_timeout_tv(connection, &time)
        evhttp_connection_set_retries(connection, 0)
        let context = Unmanaged.passRetained(Pending(completion)).toOpaque()
        guard
            let request = evhttp_request_new(
                { request, argument in
                    let pending = Unmanaged<Pending>.fromOpaque(argument!).takeRetainedValue()
                    guard let request, evhttp_request_get_response_code(request) > 0 else {
                        pending.completion(
                            OutboundResult(status: nil, body: [], error: "no answer (connection failed or timed out)"))
                        return
                    }
                    var body: [UInt8] = []
                    if let input = evhttp_request_get_input_buffer(request) {
                        let length = evbuffer_get_length(input)
                        body = [UInt8](unsafeUninitializedCapacity: length) { storage, count in
                            count = max(0, evbuffer_copyout(input, storage.baseAddress, length))
                        }
                    }
                    pending.completion(
                        OutboundResult(status: Int(evhttp_request_get_response_code(request)), body: body, error: nil))
                }, context)
        else {
            Unmanaged<Pending>.fromOpaque(context).release()
            evhttp_connection_free(connection)
            completion(OutboundResult(status: nil, body: [], error: "cannot create request"))
            return
        }
        let output = evhttp_request_get_output_headers(request)
        evhttp_add_header(output, "Host", target.hostHeader)
        evhttp_add_header(output, "Connection", "close")
        for field in headers { evhttp_add_header(output, field.name, field.value) }
        if !body.isEmpty {
            _ = body.withUnsafeBytes { evbuffer_add(evhttp_request_get_output_buffer(request), $0.baseAddress, $0.count) }
        }
        evhttp_connection_free_on_completion(connection)
        if evhttp_make_request(connection, request, command(method), target.pathAndQuery) != 0 {
            // libevent has already called the request's callback (and freed it) on this failure path.
            return
        }
    }

    private static func command(_ method: String) -> evhttp_cmd_type {
        switch method.uppercased() {
        case "GET": EVHTTP_REQ_GET
        case "PUT": EVHTTP_REQ_PUT
        case "DELETE": EVHTTP_REQ_DELETE
        case "PATCH": EVHTTP_REQ_PATCH
        default: EVHTTP_REQ_POST
        }
    }
}

/// The parts of an `http://host:port/path?query` URL.
struct OutboundTarget: Sendable {
    var host: String
    var port: Int
    var pathAndQuery: String

    var hostHeader: String { port == 80 ? host : "\(host):\(port)" }

    init?(_ url: String) {
        guard url.hasPrefix("http://") else { return nil }
        let rest = url.dropFirst(7)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        var path = String(rest.dropFirst(authority.count))
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        var host = Substring(authority)
        var port = 80
        if authority.hasPrefix("[") {  // [::1]:8080
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { guard let p = Int(after.dropFirst()) else { return nil }; port = p }
        } else if let colon = authority.lastIndex(of: ":") {
            guard let p = Int(authority[authority.index(after: colon)...]) else { return nil }
            host = authority[..<colon]
            port = p
        }
        guard !host.isEmpty, (1...65535).contains(port) else { return nil }
        self.host = String(host)
        self.port = port
        self.pathAndQuery = path
    }
}
