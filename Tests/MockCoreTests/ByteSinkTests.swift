import Testing

@testable import MockCore

@Suite struct ByteSinkTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func copiesOfAStreamWriteIndependently() {
        var first = JSONStream(capacity: 64)
        first.beginArray()
        first.string("shared")
        var second = first
        first.string("first")
        second.string("second")
        first.endArray()
        second.endArray()
        #expect(text(first.bytes) == #"["shared","first"]"#)
        #expect(text(second.bytes) == #"["shared","second"]"#)
    }

    @Test func aStreamGrowsPastItsCapacityAndKeepsWritingAfterItsBytesAreTaken() {
        var out = JSONStream(capacity: 1)
        out.beginArray()
        let long = String(repeating: "0123456789", count: 10)
        for _ in 0..<5 { out.string(long) }
        let taken = out.bytes
        out.endArray()
        #expect(taken.count == 1 + 5 * 103 - 1)
        #expect(out.bytes == taken + [UInt8(ascii: "]")])
    }

    @Test func aReplayCopiesTheRecordedBytesEvenWhenTheStreamGrows() {
        var out = JSONStream(capacity: 16)
        out.beginArray()
        let recording = out.record { $0.string("a value longer than the stream's first buffer") }
        for _ in 0..<3 { out.replay(recording) }
        out.endArray()
        #expect(
            text(out.bytes) == "["
                + Array(repeating: #""a value longer than the stream's first buffer""#, count: 4).joined(separator: ",") + "]")
    }

    @Test(arguments: ["", "plain", "exactly8", "a longer plain string", "tab\there", "quote\"", "中文 text"])
    func everyOutputWritesTheSameString(text: String) {
        let expected = JSONWriter.bytes(.string(text))
        var array = Array("x".utf8)
        JSONWriter.writeString(text, into: &array, escapeNonASCII: false)
        #expect(array == Array("x".utf8) + expected)
        var stream = JSONStream(capacity: 1)
        stream.string(text)
        #expect(stream.bytes == expected)
    }

    @Test func anArrayWriteKeepsOnlyWhatWasWritten() {
        var array: [UInt8] = [1]
        let written = array.write(atMost: 4) { target in
            target[0] = 2
            return 1
        }
        #expect(written == 1)
        #expect(array == [1, 2])
    }
}
