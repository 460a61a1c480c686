/// What a parse makes of the values it reads: a tree of `JSON` values (`JSONParser`) or a tape of
/// tokens over the body's bytes (`JSONTape`). Both come out of one `JSONReader`, so the grammar,
/// its limits and its error messages and offsets are the same for both.
protocol JSONOutput: ~Copyable {
    associatedtype Value
    associatedtype Key
    /// What an open container needs to be closed.
    associatedtype Mark
    /// A string's (unescaped) bytes, read in place where it has no escapes; nil: they are not UTF-8.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> Value?
    mutating func key(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> Key?
    /// `null`, a boolean or a number.
    mutating func scalar(_ value: JSON) -> Value
    mutating func openObject() -> Mark
    mutating func addMember(_ key: consuming Key, _ value: consuming Value, to object: Mark)
    mutating func closeObject(_ object: Mark) -> Value
    mutating func openArray() -> Mark
    mutating func addElement(_ value: consuming Value, to array: Mark)
    mutating func closeArray(_ array: Mark) -> Value
}

/// A strict RFC 8259 reader over bytes (no Foundation on the hot path). It reads the bytes in
/// place, through a pointer valid for the duration of `read`, and hands what it reads to `output`.
struct JSONReader<Output: JSONOutput & ~Copyable>: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    var output: Output
    /// A string with escapes, as it is being unescaped (reused from string to string).
    private var unescaped: [UInt8] = []
    private static var maxDepth: Int { 512 }

    init(bytes: UnsafeBufferPointer<UInt8>, output: consuming Output) {
        self.bytes = bytes
        self.output = output
    }

    /// The one value the bytes hold, with nothing but whitespace around it.
    mutating func read() throws(JSONParseError) -> Output.Value {
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected data after the value") }
        return value
    }

    private func error(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: index) }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func readValue() throws(JSONParseError) -> Output.Value {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return try readStringValue()
        case UInt8(ascii: "t"): try expect("true"); return output.scalar(.bool(true))
        case UInt8(ascii: "f"): try expect("false"); return output.scalar(.bool(false))
        case UInt8(ascii: "n"): try expect("null"); return output.scalar(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return output.scalar(try readNumber())
        default: throw error("unexpected character")
        }
    }

    @inline(__always)
    private mutating func readStringValue() throws(JSONParseError) -> Output.Value {
        try readString { bytes, isASCII, output in output.string(bytes, isASCII: isASCII) }
    }

    private mutating func expect(_ word: StaticString) throws(JSONParseError) {
        for offset in 0..<word.utf8CodeUnitCount {
            guard index < bytes.count, bytes[index] == word.utf8Start[offset] else { throw error("invalid literal") }
            index += 1
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting too deep") }
    }

    private mutating func readObject() throws(JSONParseError) -> Output.Value {
        try enter()
        index += 1
        let object = output.openObject()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return output.closeObject(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try readString { bytes, isASCII, output in output.key(bytes, isASCII: isASCII) }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            // A string member, the usual kind, is read here: through `readValue` it cost a call.
            let value =
                index < bytes.count && bytes[index] == UInt8(ascii: "\"")
                ? try readStringValue() : try readValue()
            output.addMember(key, value, to: object)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw error("expected ',' or '}'")
        }
        depth -= 1
        return output.closeObject(object)
    }

    private mutating func readArray() throws(JSONParseError) -> Output.Value {
        try enter()
        index += 1
        let array = output.openArray()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return output.closeArray(array)
        }
        while true {
            skipWhitespace()
            output.addElement(try readValue(), to: array)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw error("expected ',' or ']'")
        }
        depth -= 1
        return output.closeArray(array)
    }

    /// Reads a string and gives its unescaped bytes to `make` (nil from it: they are not UTF-8).
    /// Bytes without escapes are read in place; escapes are undone into `unescaped`.
    @inline(__always)
    private mutating func readString<Text>(
        _ make: (UnsafeBufferPointer<UInt8>, _ isASCII: Bool, inout Output) -> Text?
    ) throws(JSONParseError) -> Text {
        index += 1
        var runStart = index
        var isASCII = true
        var escaped = false
        while true {
            let runIsASCII = skipPlainBytes()
            isASCII = isASCII && runIsASCII
            guard index < bytes.count else { throw error("unterminated string") }
            let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                let text: Text?
                if escaped {
                    unescaped.append(contentsOf: run)
                    text = unescaped.withUnsafeBufferPointer { make($0, isASCII, &output) }
                } else {
                    text = make(run, isASCII, &output)
                }
                guard let text else { throw error("invalid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                if !escaped { unescaped.removeAll(keepingCapacity: true) }
                escaped = true
                unescaped.append(contentsOf: run)
                index += 1
                let escapeIsASCII = try appendEscape()
                isASCII = isASCII && escapeIsASCII
                runStart = index
            default:
                throw error("control character in string")
            }
        }
    }

    /// Moves `index` to the next `"`, `\` or control character (or to the end), eight bytes at a
    /// time where there are eight left. Whether the bytes passed are all ASCII.
    @inline(__always)
    private mutating func skipPlainBytes() -> Bool {
        var seen: UInt64 = 0
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            while index + 8 <= bytes.count {
                let word = StringBytes.word(base, at: index)
                let special = StringBytes.specialBytes(word)
                if special != 0 {
                    let passed = special.trailingZeroBitCount / 8
                    index += passed
                    seen |= word & ((1 << (passed * 8)) &- 1)
                    return seen & StringBytes.highBits == 0
                }
                seen |= word
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            seen |= UInt64(byte)
            index += 1
        }
        return seen & StringBytes.highBits == 0
    }

    /// Reads the escape after a backslash into `unescaped`; whether what it stands for is ASCII.
    private mutating func appendEscape() throws(JSONParseError) -> Bool {
        guard index < bytes.count else { throw error("unexpected end of input") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): unescaped.append(0x22)
        case UInt8(ascii: "\\"): unescaped.append(0x5C)
        case UInt8(ascii: "/"): unescaped.append(0x2F)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"): return try appendUnicodeEscape()
        default: throw error("invalid escape")
        }
        return true
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("short unicode escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: throw error("invalid unicode escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func appendUnicodeEscape() throws(JSONParseError) -> Bool {
        var scalar = try readHex4()
        if (0xD800...0xDBFF).contains(scalar) {
            // A high surrogate must be followed by an escaped low surrogate.
            guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("lone surrogate") }
            index += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw error("lone surrogate")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid unicode escape") }
        UTF8.encode(unicode) { unescaped.append($0) }
        return unicode.isASCII
    }

    /// A number as the scalar it is: an integer where it has no fraction or exponent and fits.
    private mutating func readNumber() throws(JSONParseError) -> JSON {
        let start = index
        var isInteger = true
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < bytes.count, (48...57).contains(bytes[index]) else { throw error("invalid number") }
        // Integers of up to 18 digits are summed as they are read; longer ones go through text.
        var magnitude: Int64 = 0
        let digitsStart = index
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, (48...57).contains(bytes[index]) {
                if index - digitsStart < 18 { magnitude = magnitude * 10 + Int64(bytes[index] - 48) }
                index += 1
            }
        }
        let shortInteger = index - digitsStart <= 18
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, (48...57).contains(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, (48...57).contains(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        if isInteger, shortInteger { return .int(negative ? -magnitude : magnitude) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let value = Int64(text) { return .int(value) }
        guard let value = Double(text) else { throw error("invalid number") }
        return .double(value)
    }
}
