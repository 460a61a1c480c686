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
    public var parameters: [String: String] = [:]
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
        let bytes = uri.utf8
        var start = bytes.startIndex
        if bytes.first != UInt8(ascii: "/") {  // absolute-form: skip scheme and authority
            guard let scheme = uri.range(of: "://") else { return "/" }
            start = bytes[scheme.upperBound...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
        }
        let end = bytes[start...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        return start == end ? "/" : String(uri[start..<end])
    }

    /// The decoded path, used for routing.
    public var path: String { PercentEncoding.decode(rawPath) ?? rawPath }

    /// The raw query string after `?`, without the fragment.
    public var rawQuery: String {
        guard let q = uri.firstIndex(of: "?") else { return "" }
        var rest = uri[uri.index(after: q)...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        return String(rest)
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
        return raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let text = plusIsSpace ? s.replacingOccurrences(of: "+" as Character, with: " ") : String(s)
                return PercentEncoding.decode(text) ?? text
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

public enum PercentEncoding {
    /// Decodes %XX escapes; nil when an escape is malformed or the bytes are not UTF-8.
    public static func decode(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { out.append(byte); continue }
            guard let hi = iterator.next().flatMap(hexValue), let lo = iterator.next().flatMap(hexValue) else {
                return nil
            }
            out.append(hi << 4 | lo)
        }
        return String(validating: out, as: UTF8.self)
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
    func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }

    func range(of needle: String) -> Range<Index>? {
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) { return start..<index(start, offsetBy: needle.count) }
            start = index(after: start)
        }
        return nil
    }
}
