import Testing

@testable import MockCore

@Suite struct JSONNumberTests {
    @Test(arguments: [
        "0", "-0", "7", "123456789012345678", "-123456789012345678", "1234567890123456789", "9223372036854775807",
        "-9223372036854775808",
    ])
    func integersKeepTheirValue(text: String) throws {
        #expect(try JSONParser.parse(text) == .int(Int64(text)!))
    }

    @Test func integersBeyondInt64BecomeDoubles() throws {
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("[-12.5e1]") == [-125.0])
    }
}

@Suite struct UTF8TextTests {
    @Test(
        arguments: [
            [0xE4, 0xB8, 0xAD], [0x61], [], [0xEF, 0xBF, 0xBD], [0xF0, 0x9F, 0x98, 0x80],
        ] as [[UInt8]])
    func validBytesGiveTheirText(bytes: [UInt8]) {
        let text = bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
        #expect(text.map { Array($0.utf8) } == bytes)
    }

    @Test(arguments: [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0x61, 0x80]] as [[UInt8]])
    func invalidBytesGiveNothing(bytes: [UInt8]) {
        #expect(bytes.withUnsafeBufferPointer { String(validUTF8: $0) } == nil)
    }
}
