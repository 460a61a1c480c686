#if canImport(Glibc)
    import Glibc
#endif

/// Writes status lines and header sections as bytes. One per loop: it caches the Date field,
/// which changes once a second.
///
/// A head is copied piece by piece into scratch bytes, and the connection's buffer then takes it in
/// one append: appending each piece to the buffer (a dozen or more per head) cost about ninety
/// instructions a piece. A head too large for the scratch bytes is written again once they grew.
struct ResponseEncoder {
    private var dateSecond = -1
    private var dateField: [UInt8] = []
    private var scratch: [UInt8] = Array(repeating: 0, count: 1024)

    /// The status line and header fields, `Content-Length` giving the whole body (also for HEAD,
    /// and for faults that then send only part of it).
    mutating func head(
        _ response: Response, minorVersion: Int, connection: ConnectionHeader, into out: inout [UInt8]
    ) {
        refreshDateField()
        let date = dateField
        var size = 0
        repeat {
            if scratch.count < size { scratch = Array(repeating: 0, count: size) }
            size = scratch.withUnsafeMutableBytes { bytes in
                var writer = HeadWriter(into: bytes)
                Self.emit(response, minorVersion: minorVersion, connection: connection, date: date, into: &writer)
                return writer.count
            }
        } while size > scratch.count
        scratch.withUnsafeBytes { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<size])) }
    }

    private static func emit(
        _ response: Response, minorVersion: Int, connection: ConnectionHeader, date: [UInt8], into out: inout HeadWriter
    ) {
        out.put(minorVersion == 0 ? "HTTP/1.0 " : "HTTP/1.1 ")
        out.put(decimal: response.status)
        out.put(" ")
        out.put(utf8: HTTPText.reason(response.status))
        out.put("\r\n")
        var hasServer = false
        for field in response.headers {
            switch field.name.utf8.count {
            case 14 where field.name.equalsIgnoringASCIICase("Content-Length"): continue
            case 10 where field.name.equalsIgnoringASCIICase("Connection"): continue
            case 17 where field.name.equalsIgnoringASCIICase("Transfer-Encoding"): continue
            case 6 where field.name.equalsIgnoringASCIICase("Server"): hasServer = true
            default: break
            }
            out.put(utf8: field.name)
            out.put(": ")
            out.put(utf8: field.value)
            out.put("\r\n")
        }
        if !hasServer { out.put("Server: ticketmock\r\n") }
        date.withUnsafeBytes { out.put($0) }
        if Self.allowsBody(response.status) {
            out.put("Content-Length: ")
            out.put(decimal: response.body.count)
            out.put("\r\n")
        }
        switch connection {
        case .close: out.put("Connection: close\r\n")
        case .keepAlive: out.put("Connection: keep-alive\r\n")
        case .implicit: break
        }
        out.put("\r\n")
    }

    /// 1xx, 204 and 304 answers never carry a body (RFC 9110 §6.4.1).
    static func allowsBody(_ status: Int) -> Bool { status >= 200 && status != 204 && status != 304 }

    private mutating func refreshDateField() {
        var now = time(nil)
        guard now != dateSecond else { return }
        dateSecond = now
        var parts = tm()
        gmtime_r(&now, &parts)
        var text = "Date: " + Self.weekdays[Int(parts.tm_wday)] + ", " + twoDigits(Int(parts.tm_mday)) + " "
        text += Self.months[Int(parts.tm_mon)] + " " + String(Int(parts.tm_year) + 1900) + " "
        text += twoDigits(Int(parts.tm_hour)) + ":" + twoDigits(Int(parts.tm_min)) + ":" + twoDigits(Int(parts.tm_sec))
        dateField = Array((text + " GMT\r\n").utf8)
    }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

/// Copies the pieces of a head into fixed memory, counting every byte: past the end of the memory
/// it only counts, which tells how much the head needs.
struct HeadWriter {
    private let memory: UnsafeMutableRawBufferPointer
    private(set) var count = 0

    init(into memory: UnsafeMutableRawBufferPointer) { self.memory = memory }

    mutating func put(_ bytes: UnsafeRawBufferPointer) {
        if count + bytes.count <= memory.count, let source = bytes.baseAddress, let target = memory.baseAddress {
            (target + count).copyMemory(from: source, byteCount: bytes.count)
        }
        count += bytes.count
    }

    /// Fixed text straight from the binary: no array to retain, no lazy global to check.
    mutating func put(_ text: StaticString) {
        put(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func put(utf8 text: String) {
        var text = text
        text.withUTF8 { put(UnsafeRawBufferPointer($0)) }
    }

    /// A non-negative number in decimal, most significant digit first.
    mutating func put(decimal value: Int) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        repeat {
            var digit = UInt8(ascii: "0") + UInt8(value / divisor % 10)
            withUnsafeBytes(of: &digit) { put($0) }
            divisor /= 10
        } while divisor > 0
    }
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
