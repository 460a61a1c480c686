import Testing

@testable import MockCore

/// The tape reads what the tree parser reads, with the same grammar and errors (one `JSONReader`
/// feeds both), and hands out a body's members without making strings.
@Suite struct JSONTapeTests {
    private func tree(_ bytes: [UInt8]) -> Result<JSON, JSONParseError> {
        Result { () throws(JSONParseError) in try JSONParser.parse(bytes) }
    }

    private func tape(_ bytes: [UInt8]) -> Result<JSON, JSONParseError> {
        Result { () throws(JSONParseError) in
            let tape = try JSONTape.parse(bytes)
            return tape.json(at: tape.root)
        }
    }

    private static let documents = [
        #"{"title":"Expand ECS","n":12,"ok":true,"no":false,"none":null,"pi":3.25,"big":12345678901234567890}"#,
        #"[1,-2,0,1e3,-0.5,"a\"b\\c\/d\n\u00e9\ud83d\ude00",[],{},[[{"k":[null]}]]]"#,
        #"{"dup":1,"other":"x","dup":"last","dup":{"deep":["y"]}}"#,
        #"  {"é":"ünïcödé","emoji":"😀","mixed":"a\u0041é"}  "#, #""just a string""#, "7", "null", "[]", "{}",
        #"{"a":{"b":{"c":[1,{"d":"e"}]}},"f":[{"g":1},{"g":2}]}"#,
    ]

    @Test(arguments: documents)
    func aDocumentReadsAsTheTreeDoes(text: String) throws {
        let bytes = Array(text.utf8)
        #expect(tape(bytes) == tree(bytes))
        #expect(try tape(bytes).get() != .null || text == "null")
    }

    // Every cut of every document ends the input somewhere new: both readers stop with the same
    // message at the same byte.
    @Test(arguments: documents)
    func everyTruncationFailsAsTheTreeDoes(text: String) {
        let bytes = Array(text.utf8)
        for end in 0..<bytes.count {
            let cut = Array(bytes[..<end])
            guard case .failure = tree(cut) else { continue }
            #expect(tape(cut) == tree(cut), "cut at \(end)")
        }
    }

    @Test(arguments: [
        [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D],
        Array(#"{"a":1,}"#.utf8), Array(#"[1 2]"#.utf8), Array(#""\ud800""#.utf8), Array("[01]".utf8), Array("tru".utf8),
        Array(String(repeating: "[", count: 600).utf8),
    ])
    func brokenInputFailsAsTheTreeDoes(bytes: [UInt8]) {
        guard case .failure(let error) = tree(bytes) else {
            Issue.record("the tree parser accepted it")
            return
        }
        #expect(tape(bytes) == .failure(error))
    }

    @Test func membersAndElementsByPosition() throws {
        let tape = try JSONTape.parse(Array(Self.documents[0].utf8))
        #expect(tape.kind(at: tape.root) == .object)
        #expect(tape.count(at: tape.root) == 7)
        let title = try #require(tape.member("title", of: tape.root))
        #expect(tape.string(at: title) == "Expand ECS")
        #expect(tape.withUTF8(at: title) { Array($0) } == Array("Expand ECS".utf8))
        #expect(tape.int(at: try #require(tape.member("n", of: tape.root))) == 12)
        #expect(tape.bool(at: try #require(tape.member("ok", of: tape.root))) == true)
        #expect(tape.bool(at: try #require(tape.member("no", of: tape.root))) == false)
        #expect(tape.kind(at: try #require(tape.member("none", of: tape.root))) == .null)
        #expect(tape.kind(at: try #require(tape.member("big", of: tape.root))) == .double)
        #expect(tape.member("absent", of: tape.root) == nil)
        #expect(tape.member("title", of: title) == nil)
        // A value of another kind answers nil, not a default.
        #expect(tape.int(at: title) == nil && tape.bool(at: title) == nil && tape.withUTF8(at: tape.root) { $0.count } == nil)
        var keys: [String] = []
        tape.forEachMember(of: tape.root) { key, _ in keys.append(String(decoding: key, as: UTF8.self)) }
        #expect(keys == ["title", "n", "ok", "no", "none", "pi", "big"])
    }

    @Test func aRepeatedKeyFindsItsLastValue() throws {
        let tape = try JSONTape.parse(Array(Self.documents[2].utf8))
        let dup = try #require(tape.member("dup", of: tape.root))
        #expect(tape.json(at: dup) == ["deep": ["y"]])
        #expect(tape.members(of: tape.root).count == 4)
    }

    @Test func aMemberTableFindsKeysByEveryByte() throws {
        let text = #"{"a":1,"abcdefgh":2,"abcdefghi":3,"abcdefghj":4,"":5,"abcdefghi":6,"é":7,"abcdefgH":8}"#
        let tape = try JSONTape.parse(Array(text.utf8))
        let table = JSONTape.MemberTable(tape, object: tape.root)
        func value(_ key: String) -> Int64? { table.member(key).flatMap { tape.int(at: $0) } }
        #expect(value("a") == 1 && value("abcdefgh") == 2 && value("abcdefghj") == 4 && value("") == 5)
        #expect(value("abcdefghi") == 6 && value("é") == 7 && value("abcdefgH") == 8)
        #expect(value("abcdefghk") == nil && value("b") == nil && value("abcdefg") == nil)
        for key in ["a", "abcdefghi", "é", "missing"] { #expect(table.member(key) == tape.member(key, of: tape.root)) }
    }

    @Test func containersSayWhereTheNextValueStarts() throws {
        let tape = try JSONTape.parse(Array(#"[[1,[2,3]],{"a":[4]},"s"]"#.utf8))
        let elements = tape.elements(of: tape.root)
        #expect(elements.count == 3)
        #expect(elements.map { tape.kind(at: $0) } == [.array, .object, .string])
        #expect(tape.after(elements[0]) == elements[1] && tape.after(elements[1]) == elements[2])
        #expect(tape.after(elements[2]) == tape.after(tape.root))
        #expect(tape.json(at: elements[0]) == [1, [2, 3]])
        #expect(tape.string(at: elements[2]) == "s")
    }

    /// A body of short values makes more tokens than the first guess (one per eight bytes) holds.
    @Test func aDenseBodyGrowsTheTokens() throws {
        let numbers = try JSONTape.parse(Array(("[" + (0..<1000).map(String.init).joined(separator: ",") + "]").utf8))
        #expect(numbers.count(at: numbers.root) == 1000)
        #expect(numbers.elements(of: numbers.root).map { numbers.int(at: $0) } == (0..<1000).map { Int64($0) })
        let nested = try JSONTape.parse(Array((String(repeating: "[", count: 300) + String(repeating: "]", count: 300)).utf8))
        #expect(nested.after(nested.root) == 300)
        #expect(
            nested.json(at: nested.root)
                == (try JSONParser.parse(Array((String(repeating: "[", count: 300) + String(repeating: "]", count: 300)).utf8))))
    }

    @Test func escapedStringsAreReadUnescaped() throws {
        let tape = try JSONTape.parse(Array(#"{"k\u0065y":"a\"b","plain":"é\n","pair":"\ud83d\ude00"}"#.utf8))
        #expect(tape.string(at: try #require(tape.member("key", of: tape.root))) == "a\"b")
        #expect(tape.string(at: try #require(tape.member("plain", of: tape.root))) == "é\n")
        #expect(tape.withUTF8(at: try #require(tape.member("pair", of: tape.root))) { Array($0) } == [0xF0, 0x9F, 0x98, 0x80])
    }

    @Test(arguments: 0...24)
    func equalComparesEveryByte(length: Int) {
        let base = (0..<length).map { UInt8(97 + $0 % 26) }
        base.withUnsafeBufferPointer { a in
            #expect(StringBytes.equal(a, a))
            for index in 0..<length {
                var other = base
                other[index] ^= 0x20
                other.withUnsafeBufferPointer { b in #expect(!StringBytes.equal(a, b), "byte \(index)") }
            }
            (base + [0x61]).withUnsafeBufferPointer { longer in #expect(!StringBytes.equal(a, longer)) }
        }
    }
}

/// The tape's UTF-8 check agrees with the standard library's on every one- and two-byte input and
/// on three- and four-byte inputs around every boundary of the table.
@Suite struct UTF8CheckTests {
    private func agree(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { StringBytes.isUTF8($0) == (String(validUTF8: $0) != nil) }
    }

    @Test func everyShortInputAgrees() {
        for first in 0...255 {
            #expect(agree([UInt8(first)]))
            for second in 0...255 where !agree([UInt8(first), UInt8(second)]) {
                Issue.record("\(first) \(second)")
            }
        }
    }

    @Test func longerInputsAgreeAtTheEdges() {
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF4, 0xFF]
        for lead in UInt8(0xC0)...0xFF {
            for second in edges {
                for third in edges {
                    #expect(agree([lead, second, third]))
                    for fourth in edges { #expect(agree([lead, second, third, fourth])) }
                }
            }
        }
        // Runs around the eight-byte ASCII steps, a character cut by the end, and mixed text.
        let mixed = Array("ECS实例 i-0a1b2c3d 在 2026-11-23 重启后😀".utf8)
        for end in 0...mixed.count { #expect(agree(Array(mixed[..<end]))) }
        for start in 0...mixed.count { #expect(agree(Array(mixed[start...]))) }
    }
}
