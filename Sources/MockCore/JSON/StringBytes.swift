/// Tests on the bytes of JSON strings, eight at a time (bit tricks from "Bit Twiddling Hacks"):
/// the parser and the writer both look for the bytes a string cannot hold as they are.
public enum StringBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    /// The high bit of every byte: also the test for bytes that are not ASCII.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset`, the first in the low bits on any platform.
    @inline(__always)
    static func word(_ base: UnsafeRawPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The high bit of each byte of `word` that is a control character, `"` or `\`. Bits above the
    /// lowest one may be false (a borrow carries upward), so only the lowest one places a byte.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        // A byte's high bit after subtracting is set where it was below the subtrahend (a control
        // character) or equal to the one it was xored with (`"`, `\`), or where it was 0x80 or above
        // to begin with: `& ~word` drops those (none of them borrows, so they move no other mark).
        let below20 = word &- ones &* 0x20
        let quote = (word ^ (ones &* 0x22)) &- ones
        let backslash = (word ^ (ones &* 0x5C)) &- ones
        return (below20 | quote | backslash) & ~word & highBits
    }

    /// A hash of `bytes`, a word at a time (FNV-1a's constants over words, folded so that every bit
    /// reaches the low ones). Equal bytes give equal hashes; equal hashes are confirmed by comparing.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x100_0000_01b3
            hash ^= hash >> 32
        }
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init), bytes.count >= 8 else {
            var word: UInt64 = 0
            for byte in bytes { word = word << 8 | UInt64(byte) }
            mix(word)
            return hash
        }
        var offset = 0
        while offset + 8 < bytes.count {
            mix(word(base, at: offset))
            offset += 8
        }
        mix(word(base, at: bytes.count - 8))  // overlaps bytes already mixed in: the count tells apart
        return hash
    }

    /// Whether two byte runs are equal, compared eight bytes at a time (names and enumeration
    /// values checked against a body's bytes on every request).
    @inlinable
    public static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress.map(UnsafeRawPointer.init), let right = b.baseAddress.map(UnsafeRawPointer.init)
        else { return a.count == 0 }
        guard a.count >= 8 else {
            // Byte by byte: the generic `elementsEqual` cost several times this for short names.
            for offset in 0..<a.count
            where left.load(fromByteOffset: offset, as: UInt8.self) != right.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            return true
        }
        var offset = 0
        while offset + 8 < a.count {
            if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        // The last eight bytes, overlapping ones already compared.
        return left.loadUnaligned(fromByteOffset: a.count - 8, as: UInt64.self)
            == right.loadUnaligned(fromByteOffset: a.count - 8, as: UInt64.self)
    }

    /// Whether `bytes` are well-formed UTF-8 (the Unicode standard's table 3-7, as
    /// `String(validUTF8:)` has it), ASCII runs passed eight bytes at a time, without making a string.
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return true }
        let count = bytes.count
        var index = 0
        func byte(_ offset: Int) -> UInt8 { base.load(fromByteOffset: offset, as: UInt8.self) }
        while index < count {
            let lead = byte(index)
            if lead < 0x80 {
                index += index + 8 <= count && word(base, at: index) & highBits == 0 ? 8 : 1
                continue
            }
            // Most text outside ASCII (CJK above all) is three bytes led by E1–EC or EE–EF, whose
            // continuations take any value from 80 to BF.
            if lead &- 0xE1 < 0x0C || lead >= 0xEE, lead <= 0xEF, index + 3 <= count,
                byte(index + 1) & 0xC0 == 0x80, byte(index + 2) & 0xC0 == 0x80
            {
                index += 3
                continue
            }
            // The second byte's range depends on the lead: no overlong forms (E0 80–9F, F0 80–8F),
            // no surrogates (ED A0–BF), nothing past U+10FFFF (F4 90–BF).
            let length: Int, low: UInt8, high: UInt8
            switch lead {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            default: return false
            }
            guard index + length <= count, byte(index + 1) >= low, byte(index + 1) <= high else { return false }
            for offset in 2..<length where byte(index + offset) & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    /// Where `target` first is in `bytes[range]`, eight bytes at a time (headers and query strings
    /// are scanned for their separators on every request).
    public static func firstIndex(of target: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            let pattern = ones &* UInt64(target)
            while index + 8 <= range.upperBound {
                // A zero byte where the target was; only the lowest mark is exact (a borrow carries up).
                let difference = word(base, at: index) ^ pattern
                let found = (difference &- ones) & ~difference & highBits
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < range.upperBound {
            if bytes[index] == target { return index }
            index += 1
        }
        return nil
    }
}
