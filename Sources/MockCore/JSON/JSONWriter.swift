/// Serialises JSON compactly into bytes. Non-ASCII text is written as UTF-8, as the vendors send it.
public enum JSONWriter {
    /// First buffer size: under 1 KiB, so glibc serves it from its per-thread cache (a 1 KiB block
    /// would go to the shared heap, and consolidate its free lists each time).
    static let firstCapacity = 1000

    public static func bytes(_ value: JSON, escapeNonASCII: Bool = false) -> [UInt8] {
        var sink = ByteSink(capacity: firstCapacity)
        write(value, to: &sink, escapeNonASCII: escapeNonASCII)
        return sink.array
    }

    public static func string(_ value: JSON) -> String {
        var sink = ByteSink(capacity: firstCapacity)
        write(value, to: &sink, escapeNonASCII: false)
        return sink.string
    }

    public static func write(_ value: JSON, into out: inout [UInt8], escapeNonASCII: Bool = false) {
        write(value, to: &out, escapeNonASCII: escapeNonASCII)
    }

    static func write<Out: ByteOutput & ~Copyable>(_ value: JSON, to out: inout Out, escapeNonASCII: Bool) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): writeInteger(i, to: &out)
        case .double(let d): out.appendUTF8(format(d))
        case .string(let s): writeString(s, to: &out, escapeNonASCII: escapeNonASCII)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for index in elements.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(elements[index], to: &out, escapeNonASCII: escapeNonASCII)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let entries = object.entries
            for index in entries.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(entries[index].key, to: &out, escapeNonASCII: escapeNonASCII)
                out.append(UInt8(ascii: ":"))
                write(entries[index].value, to: &out, escapeNonASCII: escapeNonASCII)
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

    /// Decimal digits without making a String first.
    public static func writeInteger(_ value: Int64, into out: inout [UInt8]) { writeInteger(value, to: &out) }

    static func writeInteger<Out: ByteOutput & ~Copyable>(_ value: Int64, to out: inout Out) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, filled from the end
        withUnsafeMutableBytes(of: &digits) { buffer in
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.appendBytes(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[index...]))
        }
    }

    public static func writeString(_ s: String, into out: inout [UInt8], escapeNonASCII: Bool) {
        writeString(s, to: &out, escapeNonASCII: escapeNonASCII)
    }

    static func writeString<Out: ByteOutput & ~Copyable>(_ s: String, to out: inout Out, escapeNonASCII: Bool) {
        if escapeNonASCII {
            out.append(UInt8(ascii: "\""))
            for unit in s.utf16 {
                if unit < 0x80 { appendEscaped(UInt8(unit), to: &out) } else { appendUnicode(unit, to: &out) }
            }
            out.append(UInt8(ascii: "\""))
            return
        }
        // Read in place (a `var` copy for `withUTF8` would retain the string).
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { appendQuoted($0, to: &out) }
        if done == nil {
            var text = s
            text.withUTF8 { appendQuoted($0, to: &out) }
        }
    }

    /// `bytes` between quotes. Most strings need no escape (found a word at a time): they are copied
    /// whole with their quotes in one write. Others are copied in the runs between escapes.
    @inline(__always)
    private static func appendQuoted<Out: ByteOutput & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout Out) {
        if !containsEscapes(bytes) {
            out.write(atMost: bytes.count + 2) { target in
                target[0] = UInt8(ascii: "\"")
                if let source = bytes.baseAddress { (target + 1).update(from: source, count: bytes.count) }
                target[bytes.count + 1] = UInt8(ascii: "\"")
                return bytes.count + 2
            }
            return
        }
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte >= 0x20, byte != 0x22, byte != 0x5C { continue }
            if index > runStart { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            appendEscaped(byte, to: &out)
            runStart = index + 1
        }
        if runStart < bytes.count { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any byte needs an escape, eight at a time. The last word overlaps bytes already
    /// checked; a string shorter than a word is checked padded with letters.
    @inline(__always)
    private static func containsEscapes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return false }
        guard bytes.count >= 8 else {
            var word: UInt64 = 0x6161_6161_6161_6161
            withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
            return StringBytes.specialBytes(word) != 0
        }
        var offset = 0
        while offset + 8 < bytes.count {
            if StringBytes.specialBytes(StringBytes.word(base, at: offset)) != 0 { return true }
            offset += 8
        }
        return StringBytes.specialBytes(StringBytes.word(base, at: bytes.count - 8)) != 0
    }

    @inline(__always)
    private static func appendEscaped<Out: ByteOutput & ~Copyable>(_ byte: UInt8, to out: inout Out) {
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
            appendUnicode(UInt16(byte), to: &out)
            return
        default:
            out.append(byte)
            return
        }
        out.append(0x5C)
        out.append(escaped)
    }

    private static let hex: StaticString = "0123456789abcdef"

    private static func appendUnicode<Out: ByteOutput & ~Copyable>(_ unit: UInt16, to out: inout Out) {
        out.append("\\u")
        for shift in [12, 8, 4, 0] as [UInt16] {
            out.append(hex.utf8Start[Int(unit >> shift & 0xF)])
        }
    }
}

extension JSON {
    public var jsonBytes: [UInt8] { JSONWriter.bytes(self) }
    public var jsonString: String { JSONWriter.string(self) }
}
