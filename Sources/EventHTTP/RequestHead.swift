#if canImport(Glibc)
    import Glibc
#endif

/// The request line and header section of one HTTP/1.x request, parsed from raw bytes.
struct RequestHead {
    var method: String
    var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: Headers
    var body: BodyFraming
    var keepAlive: Bool
    var expectsContinue: Bool

    var isHead: Bool { method == "HEAD" }
}

/// How the body after the head is delimited.
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
}

/// Why a request cannot be served; the connection answers `status` and closes.
struct Rejection: Error, Equatable {
    let status: Int
    let message: String
}

/// Finds and parses a request head in a byte buffer. Pure, so it is tested without sockets.
enum RequestHeadParser {
    enum Outcome {
        /// More bytes are needed; the head does not end before `scanned`.
        case incomplete(scanned: Int)
        /// A head, and the number of bytes it took (the body starts there).
        case head(RequestHead, length: Int)
    }

    /// Looks for the blank line that ends the head, starting at `from` (bytes before it were
    /// already scanned). Lines may end in CRLF or a bare LF, as lenient servers accept.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, maxHeaderBytes: Int) throws(Rejection) -> Outcome {
        var index = max(0, from - 2)
        var end: Int?
        while let newline = bytes.firstNewline(from: index) {
            if newline + 1 < bytes.count, bytes[newline + 1] == .newline {
                end = newline + 2
                break
            }
            if newline + 2 < bytes.count, bytes[newline + 1] == .carriageReturn, bytes[newline + 2] == .newline {
                end = newline + 3
                break
            }
            index = newline + 1
        }
        guard let end else {
            if bytes.count > maxHeaderBytes { throw Rejection(status: 431, message: "The request head is too large.") }
            return .incomplete(scanned: bytes.count)
        }
        if end > maxHeaderBytes { throw Rejection(status: 431, message: "The request head is too large.") }
        return .head(try head(UnsafeBufferPointer(rebasing: bytes[0..<end])), length: end)
    }

    private static func head(_ bytes: UnsafeBufferPointer<UInt8>) throws(Rejection) -> RequestHead {
        var lines = Lines(bytes)
        // RFC 9112 §2.2: empty lines before the request line are ignored.
        var requestLine = lines.next()
        while let line = requestLine, line.isEmpty { requestLine = lines.next() }
        guard let requestLine else { throw Rejection(status: 400, message: "The request line is missing.") }
        var head = try parseRequestLine(UnsafeBufferPointer(rebasing: bytes[requestLine]))
        var bounds: [UInt32] = []
        bounds.reserveCapacity(48)
        while let line = lines.next(), !line.isEmpty {
            try parseField(bytes, line, into: &bounds)
        }
        let fields = RawHeaderFields(bytes: Array(bytes), bounds: bounds)
        try frame(&head, fields)
        head.headers = Headers(raw: fields)
        return head
    }

    private static func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>) throws(Rejection) -> RequestHead {
        let malformed = Rejection(status: 400, message: "The request line is malformed.")
        guard let firstSpace = line.firstIndex(of: .space),
            let secondSpace = line[(firstSpace + 1)...].firstIndex(of: .space)
        else { throw malformed }
        let method = line[..<firstSpace]
        let target = line[(firstSpace + 1)..<secondSpace]
        let version = line[(secondSpace + 1)...]
        var targetBits: UInt8 = 0  // all of the target's bits: below 0x80, it is ASCII
        for byte in target {
            guard byte > .space && byte != 0x7F else { throw malformed }
            targetBits |= byte
        }
        guard !method.isEmpty, !target.isEmpty, method.allSatisfy(\.isTokenCharacter) else { throw malformed }
        guard version.count == 8, version.starts(with: "HTTP/1.") else {
            if version.starts(with: "HTTP/"), !version.contains(.space) {
                throw Rejection(status: 505, message: "Only HTTP/1.0 and HTTP/1.1 are supported.")
            }
            throw malformed
        }
        let minor = version[version.endIndex - 1]
        guard minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1") else {
            throw Rejection(status: 505, message: "Only HTTP/1.0 and HTTP/1.1 are supported.")
        }
        let targetBytes = UnsafeBufferPointer(rebasing: target)
        // ASCII is valid UTF-8 as it stands; only other targets need the checking decoder.
        let ascii = targetBits < 0x80 ? String(decoding: targetBytes, as: UTF8.self) : nil
        guard let targetText = ascii ?? String(validUTF8: targetBytes) else {
            throw Rejection(status: 400, message: "The request target is not UTF-8.")
        }
        return RequestHead(
            method: String(decoding: UnsafeBufferPointer(rebasing: method), as: UTF8.self), target: targetText,
            minorVersion: Int(minor - UInt8(ascii: "0")), headers: Headers(), body: .none, keepAlive: minor == UInt8(ascii: "1"),
            expectsContinue: false)
    }

    /// Appends the bounds of the name and the trimmed value of the field on `line`.
    private static func parseField(
        _ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into bounds: inout [UInt32]
    ) throws(Rejection) {
        guard let colon = bytes.first(.colon, in: line), colon > line.lowerBound,
            bytes[line.lowerBound..<colon].allSatisfy(\.isTokenCharacter)
        else { throw Rejection(status: 400, message: "A header field is malformed.") }
        var start = colon + 1
        var end = line.upperBound
        while start < end, bytes[start].isBlank { start += 1 }
        while end > start, bytes[end - 1].isBlank { end -= 1 }
        bounds.append(UInt32(line.lowerBound))
        bounds.append(UInt32(colon))
        bounds.append(UInt32(start))
        bounds.append(UInt32(end))
    }

    /// Body framing and connection handling, as RFC 9112 §6 and §9 decide them; only these four
    /// fields become strings here.
    private static func frame(_ head: inout RequestHead, _ fields: RawHeaderFields) throws(Rejection) {
        var length: Int?
        for index in 0..<fields.count {
            // The length picks the one name a field could have; most fields have none of these.
            switch fields.nameLength(at: index) {
            case 10 where fields.name(at: index, equals: "Connection"):
                for option in fields.value(at: index).split(separator: ",") {
                    let token = option.trimmingBlanks
                    if token.equalsIgnoringASCIICase("close") { head.keepAlive = false }
                    if token.equalsIgnoringASCIICase("keep-alive") { head.keepAlive = true }
                }
            case 14 where fields.name(at: index, equals: "Content-Length"):
                guard let value = Int(fields.value(at: index)), value >= 0, length == nil || length == value else {
                    throw Rejection(status: 400, message: "Content-Length is not a valid length.")
                }
                length = value
            case 17 where fields.name(at: index, equals: "Transfer-Encoding"):
                let value = fields.value(at: index)
                guard value.split(separator: ",").last?.trimmingBlanks.equalsIgnoringASCIICase("chunked") == true else {
                    throw Rejection(status: 501, message: "Transfer-Encoding \(value) is not supported.")
                }
                head.body = .chunked
            case 6 where fields.name(at: index, equals: "Expect"):
                head.expectsContinue = fields.value(at: index).equalsIgnoringASCIICase("100-continue")
            default:
                break
            }
        }
        if head.body == .chunked {
            // A length beside chunked framing could smuggle a second request; the connection ends after it.
            if length != nil { head.keepAlive = false }
        } else if let length, length > 0 {
            head.body = .length(length)
        }
        if head.minorVersion == 0 { head.expectsContinue = false }
    }
}

/// Splits a head into lines ending in LF, without the LF or a CR before it.
private struct Lines {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        let start = position
        var end = bytes.firstNewline(from: start) ?? bytes.count
        position = end + 1
        if end > start, bytes[end - 1] == .carriageReturn { end -= 1 }
        return start..<end
    }
}

extension Substring {
    fileprivate var trimmingBlanks: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")

    var isBlank: Bool { self == .space || self == UInt8(ascii: "\t") }

    /// RFC 9110 §5.6.2 tchar: letters, digits and ``!#$%&'*+-.^_`|~``. A bit per ASCII byte (the
    /// bytes 0-63 in one word, 64-127 in the other) answers in a few instructions, where a chain
    /// of ranges cost a dozen per byte of every header name.
    var isTokenCharacter: Bool {
        let below64: UInt64 = 0x03ff_6cfa_0000_0000, from64: UInt64 = 0x57ff_ffff_c7ff_fffe
        if self < 64 { return (below64 &>> UInt64(self)) & 1 == 1 }
        return self < 128 && (from64 &>> UInt64(self - 64)) & 1 == 1
    }
}

extension Slice<UnsafeBufferPointer<UInt8>> {
    /// Whether these bytes begin with the ASCII `prefix`.
    fileprivate func starts(with prefix: StaticString) -> Bool {
        guard count >= prefix.utf8CodeUnitCount else { return false }
        for offset in 0..<prefix.utf8CodeUnitCount where self[startIndex + offset] != prefix.utf8Start[offset] { return false }
        return true
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// memchr: heads are scanned on every read, and a byte loop showed in profiles.
    fileprivate func firstNewline(from index: Int) -> Int? {
        first(.newline, in: index..<count)
    }

    /// The first `byte` within `range`, by memchr.
    fileprivate func first(_ byte: UInt8, in range: Range<Int>) -> Int? {
        guard !range.isEmpty, let base = baseAddress, let found = memchr(base + range.lowerBound, Int32(byte), range.count)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
