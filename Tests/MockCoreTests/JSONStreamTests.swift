import Testing

@testable import MockCore

@Suite struct JSONStreamTests {
    static let tree: JSON = [
        "result": true, "code": 0, "message": "成功 \"quoted\"\n", "data": ["sn": "REQ1", "ids": [1, -20, 3], "none": nil],
        "ratio": 1.5, "whole": 2.0, "empty": [:], "list": [],
    ]

    /// The typed helpers every sink has, so one function can fill a stream and a tree builder.
    static func emit<Sink: JSONSink>(into out: inout Sink) {
        out.beginObject()
        out.key("result")
        out.bool(true)
        out.key("code")
        out.int(0)
        out.key("message")
        out.string("成功 \"quoted\"\n")
        out.key("data")
        out.beginObject()
        out.key("sn")
        out.string("REQ1")
        out.key("ids")
        out.beginArray()
        for id: Int64 in [1, -20, 3] { out.int(id) }
        out.endArray()
        out.key("none")
        out.string(nil)
        out.endObject()
        out.key("ratio")
        out.double(1.5)
        out.key("whole")
        out.value(.double(2))
        out.key("empty")
        out.value(PrerenderedJSON([:]))
        out.key("list")
        out.beginArray()
        out.endArray()
        out.endObject()
    }

    @Test func typedHelpersWriteTheSameBytesAsTheTreeWriterAndBuildTheSameTree() {
        var stream = JSONStream()
        Self.emit(into: &stream)
        #expect(stream.bytes == Self.tree.jsonBytes)
        var builder = JSONTreeBuilder()
        Self.emit(into: &builder)
        #expect(builder.result == Self.tree)
    }

    @Test func rawBytesAreCopiedAsOneValue() {
        var out = JSONStream()
        out.beginArray()
        out.raw(Array(#"{"a":1}"#.utf8))
        out.int(2)
        out.endArray()
        #expect(String(decoding: out.bytes, as: UTF8.self) == #"[{"a":1},2]"#)
    }

    @Test func topLevelArraysOfObjects() {
        var out = JSONStream()
        out.beginArray()
        for index in 1...2 {
            out.beginObject()
            out.key("i")
            out.int(index)
            out.endObject()
        }
        out.null()
        out.endArray()
        #expect(String(decoding: out.bytes, as: UTF8.self) == #"[{"i":1},{"i":2},null]"#)
    }

    @Test func integersWithoutStrings() {
        for value: Int64 in [0, 7, -7, 10, 1_234_567_890, .max, .min] {
            var bytes: [UInt8] = []
            JSONWriter.writeInteger(value, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        }
    }
}

@Suite struct JSONWriterEscapeTests {
    /// Escapes one character at a time, the slow and obvious way.
    static func reference(_ text: String) -> String {
        var out: [UInt8] = [0x22]
        for byte in text.utf8 {
            let escape: String? =
                switch byte {
                case 0x22: "\\\""
                case 0x5C: "\\\\"
                case 0x0A: "\\n"
                case 0x0D: "\\r"
                case 0x09: "\\t"
                case 0x08: "\\b"
                case 0x0C: "\\f"
                case 0..<0x10: "\\u000" + String(byte, radix: 16)
                case 0x10..<0x20: "\\u00" + String(byte, radix: 16)
                default: nil
                }
            if let escape { out += Array(escape.utf8) } else { out.append(byte) }
        }
        return String(decoding: out + [0x22], as: UTF8.self)
    }

    @Test(arguments: ["\"", "\\", "\n", "\u{1}", "\u{1f}", "\t", " ", "~", "é", "中"])
    func escapesAnywhereInLongStrings(special: String) {
        // Every position of a 24-byte string, so the escape falls in and out of 8-byte chunks.
        for position in 0...24 {
            var characters = Array(repeating: "a", count: 24)
            characters.insert(special, at: position)
            let text = characters.joined()
            #expect(JSON.string(text).jsonString == Self.reference(text))
        }
    }

    @Test(arguments: ["\"", "\\", "\n", "\u{1f}", "é", "中", "😀"])
    func escapesInShortStrings(special: String) {
        // Strings shorter than a word are checked padded: every length and position up to nine.
        for length in 0...9 {
            for position in 0...length {
                var characters = Array(repeating: "b", count: length)
                characters.insert(special, at: position)
                let text = characters.joined()
                let tail = String(text.dropFirst(position))
                #expect(JSON.string(text).jsonString == Self.reference(text))
                #expect(JSON.string(tail).jsonString == Self.reference(tail))
            }
        }
    }

    @Test func writesIntoAnExistingArray() {
        var out = Array("x".utf8)
        JSONWriter.write(["k": [1, "v"]], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"x{"k":[1,"v"]}"#)
    }
}
