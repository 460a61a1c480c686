import Testing

@testable import MockCore

@Suite struct StringBytesTests {
    private func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { StringBytes.word($0.baseAddress!, at: 0) }
    }

    /// Around every byte value in every position: letters, or bytes of 0x80 and above (the test
    /// leaves those to `& ~word`), or a special byte before it that borrows into it.
    @Test(arguments: [Array("abcdefgh".utf8), [0x80, 0xC3, 0xA9, 0xFF, 0xE5, 0xAE, 0xA1, 0x7F]])
    func theLowestMarkPlacesTheFirstSpecialByte(plain: [UInt8]) {
        #expect(StringBytes.specialBytes(word(plain)) == 0)
        for value in 0...255 {
            let special = value < 0x20 || value == 0x22 || value == 0x5C
            for position in 0..<8 {
                var bytes = plain
                bytes[position] = UInt8(value)
                #expect(first(bytes) == (special ? position : 8))
                // A special byte after it: whatever a borrow does above a mark, the first is exact.
                if position < 7 {
                    bytes[position + 1] = 0x22
                    #expect(first(bytes) == (special ? position : position + 1))
                }
                if position > 0 {
                    bytes[position - 1] = 0x00
                    #expect(first(bytes) == position - 1)
                }
            }
        }
    }

    private func first(_ bytes: [UInt8]) -> Int {
        let marks = StringBytes.specialBytes(word(bytes))
        return marks == 0 ? 8 : marks.trailingZeroBitCount / 8
    }

    @Test func nonASCIIIsNotSpecial() {
        #expect(StringBytes.specialBytes(word([0x80, 0xC3, 0xA9, 0xFF, 0xE5, 0xAE, 0xA1, 0x7F])) == 0)
    }

    @Test func hashesAreEqualForEqualBytesAndDifferOtherwise() {
        func hash(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBufferPointer { StringBytes.hash($0) } }
        let texts = [
            "", "a", "b", "ab", "ba", "abcdefg", "abcdefgh", "abcdefgi", "abcdefghi", "bbcdefghi", "abcdefghijklmnop",
            "abcdefghijklmnoq", "\0", "\0\0",
        ]
        #expect(Set(texts.map(hash)).count == texts.count)
        #expect(hash("abcdefghijklmnopq") == hash(String("abcdefghijklmnopq")))
    }

    // The target at every place in runs of every length up to three words, among bytes that differ
    // from it by one bit (a borrow must not mark them), and searches that start and stop mid-run.
    @Test(arguments: 0...24)
    func firstIndexFindsTheFirstTarget(length: Int) {
        for target: UInt8 in [0x2C, 0x3D, 0x00, 0xFF] {
            let filler = (0..<length).map { target ^ UInt8(1 << ($0 % 8)) }
            filler.withUnsafeBufferPointer { bytes in
                #expect(StringBytes.firstIndex(of: target, in: bytes, 0..<length) == nil)
            }
            for place in 0..<length {
                var bytes = filler
                bytes[place] = target
                if place + 2 < length { bytes[place + 2] = target }
                bytes.withUnsafeBufferPointer { bytes in
                    #expect(StringBytes.firstIndex(of: target, in: bytes, 0..<length) == place)
                    #expect(StringBytes.firstIndex(of: target, in: bytes, 0..<place) == nil)
                    let after = place + 2 < length ? place + 2 : nil
                    #expect(StringBytes.firstIndex(of: target, in: bytes, (place + 1)..<length) == after)
                }
            }
        }
    }
}
