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
        guard let left = a.baseAddress.map(UnsafeRawPointer.init), let right = b.baseAddress.map(UnsafeRawPointer.init),
            a.count >= 8
        else { return a.elementsEqual(b) }
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
}
