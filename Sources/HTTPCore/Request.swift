/// One HTTP request as plain values: the transport fills it, handlers read it.
public struct Request: Sendable {
    public var method: String
    /// The request-target exactly as it arrived on the request line (signatures are computed over it).
    public var uri: String
    public var headers: Headers
    public var body: [UInt8]
    /// Set by the transport when the body is larger than the configured limit; `body` is then empty.
    public var bodyTooLarge: Bool
    /// Path parameters filled in by the router.
    public var parameters = PathParameters()
    public var remoteAddress: String

    public init(
        method: String, uri: String, headers: Headers = [:], body: [UInt8] = [],
        bodyTooLarge: Bool = false, remoteAddress: String = ""
    ) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
        self.bodyTooLarge = bodyTooLarge
        self.remoteAddress = remoteAddress
    }

    /// The raw (still percent-encoded) path part of the request-target.
    public var rawPath: String {
        // The usual origin-form target is scanned as bytes in place: walking the String's UTF-8
        // view index by index cost more than routing the request.
        let end = uri.utf8.withContiguousStorageIfAvailable(Self.originPathEnd) ?? nil
        guard let end else { return absoluteFormPath }
        if end == uri.utf8.count { return uri }  // the usual target: no copy
        let endIndex = uri.utf8.index(uri.utf8.startIndex, offsetBy: end)
        return String(uri[..<endIndex])
    }

    /// Where the path of an origin-form target (one starting with `/`) ends: at `?`, `#` or the end.
    /// Nil for any other form.
    private static func originPathEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        return bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
    }

    /// The path of an absolute-form target (`http://host/path`), or `/` when there is none.
    private var absoluteFormPath: String {
        let bytes = uri.utf8
        var start = bytes.startIndex
        if bytes.first != UInt8(ascii: "/") {  // absolute-form: skip scheme and authority
            guard let scheme = uri.range(of: "://") else { return "/" }
            start = bytes[scheme.upperBound...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
        }
        let end = bytes[start...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        if start == bytes.startIndex, end == bytes.endIndex { return uri }
        return start == end ? "/" : String(uri[start..<end])
    }

    /// The decoded path, used for routing.
    public var path: String { PercentEncoding.decode(rawPath) ?? rawPath }

    /// The raw query string after `?`, without the fragment.
    public var rawQuery: String {
        // Over the bytes: a search through `String.UTF8View` cost a thousand instructions a request.
        var uri = uri
        return uri.withUTF8 { bytes in
            guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return "" }
            let end = bytes[(mark + 1)...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[(mark + 1)..<end]), as: UTF8.self)
        }
    }

    /// Decoded query pairs in order; `+` means a space as in HTML forms.
    public var queryItems: [(name: String, value: String)] {
        QueryString.parse(rawQuery)
    }

    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

public enum QueryString {
    public static func parse(_ raw: String, plusIsSpace: Bool = true) -> [(name: String, value: String)] {
        guard !raw.isEmpty else { return [] }
        var raw = raw
        return raw.withUTF8 { bytes in
            var items: [(name: String, value: String)] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "&") {
                if index > start {
                    let pair = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                        items.append(
                            (
                                decode(UnsafeBufferPointer(rebasing: pair[..<equals]), plusIsSpace),
                                decode(UnsafeBufferPointer(rebasing: pair[(equals + 1)...]), plusIsSpace)
                            ))
                    } else {
                        items.append((decode(pair, plusIsSpace), ""))
                    }
                }
                start = index + 1
            }
            return items
        }
    }

    /// `+` as a space (forms), then %XX escapes; a malformed escape leaves the text as it was.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ plusIsSpace: Bool) -> String {
        let plus = UInt8(ascii: "+")
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == plus) }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let spaced = plusIsSpace ? bytes.map { $0 == plus ? UInt8(ascii: " ") : $0 } : Array(bytes)
        return PercentEncoding.decode(bytes: spaced) ?? String(decoding: spaced, as: UTF8.self)
    }
}

public enum PercentEncoding {
    /// Decodes %XX escapes; nil when an escape is malformed or the bytes are not UTF-8.
    public static func decode(_ text: String) -> String? {
        let percent = UInt8(ascii: "%")
        let escaped = text.utf8.withContiguousStorageIfAvailable { $0.contains(percent) } ?? text.utf8.contains(percent)
        guard escaped else { return text }
        return decode(bytes: text.utf8)
    }

    static func decode(bytes: some Collection<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { out.append(byte); continue }
            guard let hi = iterator.next().flatMap(hexValue), let lo = iterator.next().flatMap(hexValue) else {
                return nil
            }
            out.append(hi << 4 | lo)
        }
        return out.withUnsafeBufferPointer { String(validUTF8: $0) }
    }

    /// Encodes every byte outside RFC 3986's unreserved set, with upper-case hex.
    public static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension StringProtocol {
    func range(of needle: String) -> Range<Index>? {
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) { return start..<index(start, offsetBy: needle.count) }
            start = index(after: start)
        }
        return nil
    }
}
