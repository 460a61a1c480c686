/// How credentials are checked.
public enum AuthMode: String, Sendable, CaseIterable {
    /// Any well-formed credentials pass; missing ones still get the vendor's error.
    case open
    /// App secrets and AK/SK signatures are checked against configured credentials.
    case strict
}

/// What `serve` was started with, as every layer sees it.
public struct Settings: Sendable {
    public var authMode: AuthMode
    /// The base URL clients reach the emulator at, for URLs it hands out (ticket links).
    public var publicURL: String
    public var maxBodyBytes: Int
    public var journalSize: Int
    public var adminToken: String?
    /// Timeout of outbound callbacks.
    public var callbackTimeout: Duration

    public init(
        authMode: AuthMode = .open, publicURL: String = "http://127.0.0.1:8080", maxBodyBytes: Int = 1 << 20,
        journalSize: Int = 10_000, adminToken: String? = nil, callbackTimeout: Duration = .seconds(5)
    ) {
        self.authMode = authMode
        self.publicURL = publicURL
        self.maxBodyBytes = maxBodyBytes
        self.journalSize = journalSize
        self.adminToken = adminToken
        self.callbackTimeout = callbackTimeout
    }
}

public enum TicketMock {
    public static let version = "0.1.0"
    public static let namespaceHeader = "X-Mock-Namespace"
    public static let defaultNamespace = "default"
}

extension Request {
    /// The isolated state this request works on (`X-Mock-Namespace`, else `default`).
    public var namespace: String {
        guard let value = headers[TicketMock.namespaceHeader]?.trimmingSpaces(), !value.isEmpty else {
            return TicketMock.defaultNamespace
        }
        return value
    }

    /// The body as JSON, whatever the Content-Type says (some official clients send none).
    public func jsonBody() throws(JSONParseError) -> JSON { try JSONParser.parse(body) }
}

extension Response {
    public static func json(_ value: JSON, status: Int = 200, headers: Headers = [:]) -> Response {
        var allHeaders = headers
        if allHeaders["Content-Type"] == nil { allHeaders.add("Content-Type", "application/json") }
        return Response(status: status, headers: allHeaders, body: value.jsonBytes)
    }
}
