#if canImport(Glibc)
    import Glibc
#endif

/// Writes status lines and header sections as bytes. One per loop: it caches the Date field,
/// which changes once a second.
struct ResponseEncoder {
    private var dateSecond = -1
    private var dateField: [UInt8] = []

    /// The status line and header fields, `Content-Length` giving the whole body (also for HEAD,
    /// and for faults that then send only part of it).
    mutating func head(
        _ response: Response, minorVersion: Int, connection: ConnectionHeader, into out: inout [UInt8]
    ) {
        out.append(contentsOf: minorVersion == 0 ? Self.http10 : Self.http11)
        appendDecimal(response.status, to: &out)
        out.append(.space)
        out.append(contentsOf: HTTPText.reason(response.status).utf8)
        out.append(contentsOf: Self.crlf)
        var hasServer = false
        for field in response.headers {
            switch field.name.utf8.count {
            case 14 where field.name.equalsIgnoringASCIICase("Content-Length"): continue
            case 10 where field.name.equalsIgnoringASCIICase("Connection"): continue
            case 17 where field.name.equalsIgnoringASCIICase("Transfer-Encoding"): continue
            case 6 where field.name.equalsIgnoringASCIICase("Server"): hasServer = true
            default: break
            }
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: Self.separator)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: Self.crlf)
        }
        if !hasServer { out.append(contentsOf: Self.serverField) }
        out.append(contentsOf: currentDateField())
        if Self.allowsBody(response.status) {
            out.append(contentsOf: Self.contentLength)
            appendDecimal(response.body.count, to: &out)
            out.append(contentsOf: Self.crlf)
        }
        switch connection {
        case .close: out.append(contentsOf: Self.closeField)
        case .keepAlive: out.append(contentsOf: Self.keepAliveField)
        case .implicit: break
        }
        out.append(contentsOf: Self.crlf)
    }

    /// 1xx, 204 and 304 answers never carry a body (RFC 9110 §6.4.1).
    static func allowsBody(_ status: Int) -> Bool { status >= 200 && status != 204 && status != 304 }

    private mutating func currentDateField() -> [UInt8] {
        var now = time(nil)
        if now != dateSecond {
            dateSecond = now
            var parts = tm()
            gmtime_r(&now, &parts)
            var text = "Date: " + Self.weekdays[Int(parts.tm_wday)] + ", " + twoDigits(Int(parts.tm_mday)) + " "
            text += Self.months[Int(parts.tm_mon)] + " " + String(Int(parts.tm_year) + 1900) + " "
            text += twoDigits(Int(parts.tm_hour)) + ":" + twoDigits(Int(parts.tm_min)) + ":" + twoDigits(Int(parts.tm_sec))
            dateField = Array((text + " GMT\r\n").utf8)
        }
        return dateField
    }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    private func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        appendDecimal(value / 10, to: &out)
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    private static let http10 = Array("HTTP/1.0 ".utf8)
    private static let http11 = Array("HTTP/1.1 ".utf8)
    private static let crlf = Array("\r\n".utf8)
    private static let separator = Array(": ".utf8)
    private static let serverField = Array("Server: ticketmock\r\n".utf8)
    private static let contentLength = Array("Content-Length: ".utf8)
    private static let closeField = Array("Connection: close\r\n".utf8)
    private static let keepAliveField = Array("Connection: keep-alive\r\n".utf8)
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

/// What the head says about the connection after the answer.
enum ConnectionHeader {
    case close
    /// HTTP/1.0 keep-alive must be announced.
    case keepAlive
    /// HTTP/1.1 persistence needs no field.
    case implicit
}

/// Reason phrases for status lines.
enum HTTPText {
    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
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
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
