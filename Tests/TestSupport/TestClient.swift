import MockCore

/// One way of reaching the emulator: straight into a handler, or over a real socket. The same
/// test body runs on both (habit 10).
public struct TestClient: Sendable {
    public enum Transport: String, Sendable, CaseIterable, CustomStringConvertible {
        case inProcess, live
        public var description: String { rawValue }
    }

    private let perform: @Sendable (Request) throws -> TestResponse

    public static func inProcess(_ handler: @escaping Handler) -> TestClient {
        TestClient { request in
            let response = handler(request)
            return TestResponse(status: response.status, headers: response.headers, body: response.body)
        }
    }

    public static func live(port: Int, host: String = "127.0.0.1") -> TestClient {
        let client = BlockingHTTPClient(host: host, port: port, timeout: .seconds(10))
        return TestClient { request in
            let answer = try client.send(request.method, request.uri, headers: request.headers, body: request.body)
            return TestResponse(status: answer.status, headers: answer.headers, body: answer.body)
        }
    }

    public init(perform: @escaping @Sendable (Request) throws -> TestResponse) { self.perform = perform }

    public func send(_ request: Request) throws -> TestResponse { try perform(request) }

    public func get(_ uri: String, headers: Headers = [:]) throws -> TestResponse {
        try send(Request(method: "GET", uri: uri, headers: headers))
    }

    public func post(_ uri: String, json: JSON, headers: Headers = [:]) throws -> TestResponse {
        try post(uri, body: json.jsonBytes, headers: headers)
    }

    public func post(_ uri: String, text: String, headers: Headers = [:]) throws -> TestResponse {
        try post(uri, body: Array(text.utf8), headers: headers)
    }

    public func post(_ uri: String, body: [UInt8], headers: Headers = [:]) throws -> TestResponse {
        var all = headers
        if all["Content-Type"] == nil { all.add("Content-Type", "application/json") }
        return try send(Request(method: "POST", uri: uri, headers: all, body: body))
    }

    public func request(_ method: String, _ uri: String, json: JSON? = nil, headers: Headers = [:]) throws -> TestResponse {
        var all = headers
        if json != nil, all["Content-Type"] == nil { all.add("Content-Type", "application/json") }
        return try send(Request(method: method, uri: uri, headers: all, body: json?.jsonBytes ?? []))
    }
}

public struct TestResponse: Sendable {
    public var status: Int
    public var headers: Headers
    public var body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as JSON; `.null` with the parse error's text when it is not JSON.
    public var json: JSON {
        (try? JSONParser.parse(body)) ?? .string("<not JSON: \(text.prefix(200))>")
    }
}
