import MockCore

/// A ticket number (`CM`/`PM` + `yyyyMMddHHmmss` + 10 digits, huawei-coc.md §8) as two integers,
/// so a million tickets don't carry a million heap strings.
struct TicketNumber: Hashable, Sendable {
    var kind: TicketKind
    var stamp: UInt64
    var suffix: UInt64

    init(kind: TicketKind, stamp: UInt64, suffix: UInt64) {
        self.kind = kind
        self.stamp = stamp
        self.suffix = suffix
    }

    /// Parses `CM20250624115256` + 10 digits; nil for anything else. Reads the contiguous UTF-8
    /// bytes in place: every ticket look-up parses its id.
    init?(_ text: String) {
        guard let parsed = text.utf8.withContiguousStorageIfAvailable(Self.parse) ?? Self.parse(Array(text.utf8)) else {
            return nil
        }
        self = parsed
    }

    private static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> TicketNumber? where Bytes.Index == Int {
        guard bytes.count == 26 else { return nil }
        let start = bytes.startIndex
        let kind: TicketKind
        switch bytes[start] {
        case UInt8(ascii: "C"): kind = .change
        case UInt8(ascii: "P"): kind = .issue
        default: return nil
        }
        guard bytes[start + 1] == UInt8(ascii: "M") else { return nil }
        var stamp: UInt64 = 0, suffix: UInt64 = 0
        for offset in 2..<16 {
            let digit = bytes[start + offset] &- 0x30
            guard digit < 10 else { return nil }
            stamp = stamp * 10 + UInt64(digit)
        }
        for offset in 16..<26 {
            let digit = bytes[start + offset] &- 0x30
            guard digit < 10 else { return nil }
            suffix = suffix * 10 + UInt64(digit)
        }
        return TicketNumber(kind: kind, stamp: stamp, suffix: suffix)
    }

    /// The prefix, the stamp's digits, then the suffix zero-padded to 10 digits. Written into one
    /// buffer: every answer about a ticket spells its number, often several times.
    var text: String {
        String(unsafeUninitializedCapacity: length) { buffer in
            spell(into: buffer)
            return length
        }
    }

    /// The number's length in bytes.
    var length: Int { 2 + Self.digitCount(stamp) + max(10, Self.digitCount(suffix)) }

    /// Spells the number into `buffer` (`length` bytes).
    func spell(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let prefix = kind.idPrefix.utf8
        let stampDigits = Self.digitCount(stamp), suffixDigits = max(10, Self.digitCount(suffix))
        for (index, byte) in prefix.enumerated() { buffer[index] = byte }
        Self.writeDigits(stamp, into: buffer, end: prefix.count + stampDigits, count: stampDigits)
        Self.writeDigits(suffix, into: buffer, end: prefix.count + stampDigits + suffixDigits, count: suffixDigits)
    }

    private static func digitCount(_ value: UInt64) -> Int {
        var count = 1, rest = value / 10
        while rest > 0 { count += 1; rest /= 10 }
        return count
    }

    /// `value` right-aligned in `count` digits ending before `end`, zero-padded.
    private static func writeDigits(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, end: Int, count: Int) {
        var rest = value
        for index in stride(from: end - 1, through: end - count, by: -1) {
            buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}

/// A lower-case UUID kept as 128 bits.
struct UUIDValue: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses `8-4-4-4-12` hex; nil for anything else.
    init?(_ text: String) {
        let bytes = text.utf8
        guard bytes.count == 36 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0, count = 0
        for (index, byte) in bytes.enumerated() {
            if Self.isDash(index) {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case 0x30...0x39: value = byte - 0x30
            case 0x61...0x66: value = byte - 0x61 + 10
            default: return nil
            }
            if count < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            count += 1
        }
        self.high = high
        self.low = low
    }

    private static func isDash(_ index: Int) -> Bool { index == 8 || index == 13 || index == 18 || index == 23 }

    /// Spelled into one buffer (every answer about a ticket carries its uuid).
    var text: String {
        String(unsafeUninitializedCapacity: Self.length) { buffer in
            spell(into: buffer)
            return Self.length
        }
    }

    static let length = 36

    /// Spells the uuid into `buffer` (`length` bytes): 8-4-4-4-12 digits, two words of digits per
    /// half, the dashes between.
    func spell(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        precondition(buffer.count >= Self.length)
        let base = UnsafeMutableRawPointer(buffer.baseAddress!)
        let (a, b) = HexWords.digits(high), (c, d) = HexWords.digits(low)
        func put<Word: FixedWidthInteger>(_ word: Word, at offset: Int) {
            base.storeBytes(of: word.littleEndian, toByteOffset: offset, as: Word.self)
        }
        put(a, at: 0)
        put(UInt32(truncatingIfNeeded: b), at: 9)
        put(UInt32(truncatingIfNeeded: b >> 32), at: 14)
        put(UInt32(truncatingIfNeeded: c), at: 19)
        put(UInt32(truncatingIfNeeded: c >> 32), at: 24)
        put(d, at: 28)
        for dash in [8, 13, 18, 23] { buffer[dash] = UInt8(ascii: "-") }
    }
}

extension TicketNumber {
    /// The index hash: every part of the number, combined before mixing.
    var indexHash: UInt64 { suffix &+ stamp &* 10_000_000_019 &+ (kind == .change ? 0 : 1) }
}

extension UUIDValue {
    /// The index hash: both halves (random bits but for the version and variant).
    var indexHash: UInt64 { high ^ low &* 0xFF51_AFD7_ED55_8CCD }
}
