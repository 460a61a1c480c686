/// Serialises JSON compactly into bytes. Non-ASCII text is written as UTF-8, as the vendors send it.
public enum JSONWriter {
    public static func bytes(_ value: JSON, escapeNonASCII: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)  // results may be stored (OSM keeps extends_map as bytes): no large slack
        write(value, into: &out, escapeNonASCII: escapeNonASCII)
        return out
    }

    public static func string(_ value: JSON) -> String { String(decoding: bytes(value), as: UTF8.self) }

    public static func write(_ value: JSON, into out: inout [UInt8], escapeNonASCII: Bool = false) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: b ? "true".utf8 : "false".utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: format(d).utf8)
        case .string(let s): writeString(s, into: &out, escapeNonASCII: escapeNonASCII)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out, escapeNonASCII: escapeNonASCII)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (offset, entry) in object.entries.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                writeString(entry.key, into: &out, escapeNonASCII: escapeNonASCII)
                out.append(UInt8(ascii: ":"))
                write(entry.value, into: &out, escapeNonASCII: escapeNonASCII)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Python-like number text: integral doubles keep one decimal ("1.0"); non-finite become null.
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e16 { return String(Int64(d)) + ".0" }
        return "\(d)"
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    public static func writeString(_ s: String, into out: inout [UInt8], escapeNonASCII: Bool) {
        out.append(UInt8(ascii: "\""))
        if escapeNonASCII {
            for unit in s.utf16 {
                if unit < 0x80 { appendEscaped(UInt8(unit), into: &out) } else { appendUnicode(unit, into: &out) }
            }
        } else {
            var text = s
            text.withUTF8 { appendEscapingRuns($0, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Copies runs of bytes that need no escape in one go: most strings are one run.
    @inline(__always)
    private static func appendEscapingRuns(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte >= 0x20, byte != 0x22, byte != 0x5C { continue }
            if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            appendEscaped(byte, into: &out)
            runStart = index + 1
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    @inline(__always)
    private static func appendEscaped(_ byte: UInt8, into out: inout [UInt8]) {
        let escaped: UInt8
        switch byte {
        case 0x22: escaped = 0x22
        case 0x5C: escaped = 0x5C
        case 0x0A: escaped = UInt8(ascii: "n")
        case 0x0D: escaped = UInt8(ascii: "r")
        case 0x09: escaped = UInt8(ascii: "t")
        case 0x08: escaped = UInt8(ascii: "b")
        case 0x0C: escaped = UInt8(ascii: "f")
        case 0..<0x20:
            appendUnicode(UInt16(byte), into: &out)
            return
        default:
            out.append(byte)
            return
        }
        out.append(0x5C)
        out.append(escaped)
    }

    private static func appendUnicode(_ unit: UInt16, into out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        out.append(hex[Int(unit >> 12 & 0xF)])
        out.append(hex[Int(unit >> 8 & 0xF)])
        out.append(hex[Int(unit >> 4 & 0xF)])
        out.append(hex[Int(unit & 0xF)])
    }
}

extension JSON {
    public var jsonBytes: [UInt8] { JSONWriter.bytes(self) }
    public var jsonString: String { JSONWriter.string(self) }
}
