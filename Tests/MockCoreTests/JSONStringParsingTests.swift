import Testing

@testable import MockCore

/// Strings are scanned eight bytes at a time: every test here moves the interesting byte across
/// the word edges (offsets 0 to 24 cover the first three words and the byte-wise tail).
@Suite struct JSONStringParsingTests {
    private static let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    private func parse(_ bytes: [UInt8]) -> Result<JSON, JSONParseError> {
        Result { () throws(JSONParseError) in try JSONParser.parse(bytes) }
    }

    private func quoted(_ body: [UInt8]) -> [UInt8] { [0x22] + body + [0x22] }

    @Test(arguments: 0...36)
    func plainStringsOfEveryLengthReadWhole(length: Int) throws {
        let body = Array(Self.letters.prefix(length))
        let text = String(decoding: body, as: UTF8.self)
        #expect(try JSONParser.parse(quoted(body)) == .string(text))
        // As a key, and followed by more input (the scan stops at the quote, not the end).
        let object = Array("{".utf8) + quoted(body) + Array(":[".utf8) + quoted(body) + Array("]}".utf8)
        #expect(try JSONParser.parse(object) == [text: [.string(text)]])
    }

    @Test(arguments: 0...24)
    func escapesAnywhereInAWord(position: Int) throws {
        let letters = Array(Self.letters.prefix(24))
        for (escape, meaning) in [
            ("\\n", "\n"), ("\\\"", "\""), ("\\\\", "\\"), ("\\u00e9", "é"), ("\\ud83d\\ude00", "😀"), ("\\/", "/"),
        ] {
            let body = Array(letters[..<position]) + Array(escape.utf8) + Array(letters[position...])
            let expected =
                String(decoding: letters[..<position], as: UTF8.self) + meaning
                + String(decoding: letters[position...], as: UTF8.self)
            #expect(try JSONParser.parse(quoted(body)) == .string(expected))
        }
    }

    @Test func escapesBackToBackAndAtBothEnds() throws {
        #expect(try JSONParser.parse(#""\n\t\r\b\f\"\\\/""#) == .string("\n\t\r\u{8}\u{C}\"\\/"))
        #expect(try JSONParser.parse(#""\u0041bcdefgh\u0041""#) == .string("AbcdefghA"))
        #expect(
            try JSONParser.parse(#"["\u00e9", "plain text after an escaped one"]"#) == ["é", "plain text after an escaped one"])
    }

    @Test(arguments: 0...24)
    func nonASCIIAnywhereInAWord(position: Int) throws {
        let letters = Array(Self.letters.prefix(24))
        for inserted in ["é", "审", "😀"] {
            let body = Array(letters[..<position]) + Array(inserted.utf8) + Array(letters[position...])
            #expect(try JSONParser.parse(quoted(body)) == .string(String(decoding: body, as: UTF8.self)))
            // Non-ASCII before an escape, and an escape before non-ASCII.
            #expect(
                try JSONParser.parse(quoted(body + Array("\\n".utf8))) == .string(String(decoding: body, as: UTF8.self) + "\n"))
            #expect(
                try JSONParser.parse(quoted(Array("\\n".utf8) + body)) == .string("\n" + String(decoding: body, as: UTF8.self)))
        }
    }

    @Test(arguments: 0...24)
    func invalidUTF8IsFoundAfterTheClosingQuote(position: Int) {
        let letters = Array(Self.letters.prefix(25))
        for bad in [[0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80]] as [[UInt8]] {
            var body = letters
            body.replaceSubrange(position..<position + 1, with: bad)
            let text = quoted(body)
            #expect(parse(text) == .failure(JSONParseError(message: "invalid UTF-8", offset: text.count)))
            let escaped = quoted(body + Array("\\t".utf8))
            #expect(parse(escaped) == .failure(JSONParseError(message: "invalid UTF-8", offset: escaped.count)))
        }
    }

    @Test(arguments: 0...24)
    func controlCharactersAreFoundWhereTheyAre(position: Int) throws {
        for control: UInt8 in [0x00, 0x01, 0x0A, 0x1F] {
            var body = Array(Self.letters.prefix(25))
            body[position] = control
            #expect(parse(quoted(body)) == .failure(JSONParseError(message: "control character in string", offset: position + 1)))
            // A control character after invalid UTF-8 is reported first, as the scan meets it first.
            if position > 0 {
                body[position - 1] = 0xFF
                #expect(
                    parse(quoted(body)) == .failure(JSONParseError(message: "control character in string", offset: position + 1)))
            }
        }
        // DEL and bytes above it are not control characters.
        #expect(try JSONParser.parse([0x22, 0x7F, 0x22]) == .string("\u{7F}"))
    }

    @Test(arguments: [
        (#""abc"#, "unterminated string", 4),
        (#""abcdefghijklmnop"#, "unterminated string", 17),
        (#""abcdefgh\"#, "unexpected end of input", 10),
        (#""abcdefg\q""#, "invalid escape", 10),
        (#""abcdefghij\u12""#, "short unicode escape", 13),
        (#""abcdefghijklm\u00zz""#, "invalid unicode escape", 18),
        (#""abcdefgh\ud800x""#, "lone surrogate", 15),
        (#""abcdefgh\udc00""#, "lone surrogate", 15),
        (#"["abcdefghijklmnopqrstuvwxyz", "abc"#, "unterminated string", 35),
        (#"{"abcdefghijklmnop" 1}"#, "expected ':'", 20),
        (#"{"abcdefghijklmnop":1 "b":2}"#, "expected ',' or '}'", 22),
    ])
    func errorsKeepTheirMessageAndOffset(text: String, message: String, offset: Int) {
        #expect(parse(Array(text.utf8)) == .failure(JSONParseError(message: message, offset: offset)))
    }

    @Test func longKeysRepeatOnlyWhenEveryByteMatches() throws {
        // Keys of 8 to 17 bytes differing in the one byte a word boundary or overlap would hide.
        let keys = ["abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj", "bbcdefghi", "abcdefghijklmnopq", "abcdefghijklmnopr"]
        let members = keys.enumerated().map { "\"\($1)\":\($0)" }.joined(separator: ",")
        let value = try JSONParser.parse("{\(members),\"abcdefghi\":9,\"abcdefghijklmnopq\":10}")
        #expect(value.objectValue?.keys == keys)
        #expect(value["abcdefghi"] == 9)
        #expect(value["abcdefghijklmnopq"] == 10)
        #expect(value["abcdefgh"] == 0)
    }

    @Test func escapedAndPlainSpellingsOfALongKeyAreOneKey() throws {
        let value = try JSONParser.parse(
            #"{"current_cloud_service_id":1,"current_cloud_service_\u0069d":2,"é_key_over_eight":3,"\u00e9_key_over_eight":4}"#)
        #expect(value == ["current_cloud_service_id": 2, "é_key_over_eight": 4])
    }
}
