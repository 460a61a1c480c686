/// Lower-case hex digits of 64-bit words, eight digits per word operation: request ids and uuids
/// are spelled on nearly every answer, and digit by digit through a table they took ~30
/// instructions a digit.
public enum HexWords {
    /// The sixteen digits of `value`, most significant first, as two words whose bytes in memory
    /// order are the digits (the first eight digits are `first`).
    @inline(__always)
    public static func digits(_ value: UInt64) -> (first: UInt64, second: UInt64) {
        (eightDigits(UInt32(truncatingIfNeeded: value >> 32)), eightDigits(UInt32(truncatingIfNeeded: value)))
    }

    /// Writes the sixteen digits of `value` at `offset`.
    @inline(__always)
    public static func write(_ value: UInt64, to base: UnsafeMutableRawPointer, at offset: Int) {
        let (first, second) = digits(value)
        base.storeBytes(of: first.littleEndian, toByteOffset: offset, as: UInt64.self)
        base.storeBytes(of: second.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
    }

    /// One nibble per byte, the most significant in the lowest byte, then each nibble to its digit.
    @inline(__always)
    static func eightDigits(_ value: UInt32) -> UInt64 {
        var nibbles = UInt64(value)
        nibbles = (nibbles | nibbles << 16) & 0x0000_FFFF_0000_FFFF
        nibbles = (nibbles | nibbles << 8) & 0x00FF_00FF_00FF_00FF
        nibbles = (nibbles | nibbles << 4) & 0x0F0F_0F0F_0F0F_0F0F
        nibbles = nibbles.byteSwapped
        // 1 in each byte whose nibble is 10 or more: those move from after "9" to "a".
        let letters = ((nibbles &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return nibbles &+ 0x3030_3030_3030_3030 &+ letters &* 0x27
    }
}
