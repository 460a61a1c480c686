import MockCore
import Synchronization
import Testing

/// The streaming writer and the tree builder must agree with `JSONWriter` byte for byte: vendors
/// stream their large answers and build trees from the same code.
@Suite struct JSONSinkTests {
    /// Emits a document with nesting, repeated keys, escapes, a prerendered part and a replayed part.
    static func emit<Sink: JSONSink>(into out: inout Sink) {
        out.beginObject()
        out.member("text", "quote \" backslash \\ newline \n tab \t control \u{01} 中文")
        out.member("int", -42)
        out.member("double", 1.5)
        out.member("flags", [true, false, nil])
        out.member("text", "repeated key kept")
        out.key("empty")
        out.beginObject()
        out.endObject()
        out.key("list")
        let list = out.record { list in
            list.beginArray()
            list.value(["a": 1])
            list.beginArray()
            list.endArray()
            list.endArray()
        }
        out.key("constant")
        out.value(PrerenderedJSON(["k": ["v", 2]]))
        out.key("again")
        out.beginArray()
        out.replay(list)
        out.replay(list)
        out.endArray()
        out.plainKey("plain")
        out.plainString(count: 5) { buffer in
            for index in buffer.indices { buffer[index] = UInt8(ascii: "a") + UInt8(index) }
        }
        out.plainKey("empty plain")
        out.plainString(count: 0) { _ in }
        out.endObject()
    }

    @Test func streamAndTreeMatchTheWriter() {
        var stream = JSONStream(capacity: 8)
        Self.emit(into: &stream)
        var tree = JSONTreeBuilder()
        Self.emit(into: &tree)
        #expect(stream.bytes == JSONWriter.bytes(tree.result))
        #expect(tree.result.objectValue?.keys.filter { $0 == "text" }.count == 2)
        let text = String(decoding: stream.bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"text":"quote \" backslash \\ newline \n tab \t control \u0001 中文","int":-42"#))
        #expect(text.hasSuffix(#""again":[[{"a":1},[]],[{"a":1},[]]],"plain":"abcde","empty plain":""}"#))
    }

    @Test func scalarsAtTopLevel() {
        var stream = JSONStream()
        stream.value("x")
        var tree = JSONTreeBuilder()
        tree.value("x")
        #expect(stream.bytes == Array(#""x""#.utf8))
        #expect(tree.result == "x")
    }

    @Test func responseWithWrittenBytes() {
        let response = Response.json(bytes: Array("{}".utf8), status: 201)
        #expect(response.status == 201)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(Response.json(bytes: [], headers: ["Content-Type": "text/x"]).headers["Content-Type"] == "text/x")
    }
}

@Suite struct BoundedCacheTests {
    @Test func computesOncePerKey() {
        let cache = BoundedCache<String, Int>(limit: 4)
        let calls = Mutex(0)
        let count: (String) -> Int = { key in
            calls.withLock { $0 += 1 }
            return key.count
        }
        #expect(cache.value(for: "abc", compute: count) == 3)
        #expect(cache.value(for: "abc", compute: count) == 3)
        #expect(cache.value(for: "abcd", compute: count) == 4)
        #expect(calls.withLock { $0 } == 2)
    }

    @Test func errorsAreNotCached() {
        struct Bad: Error {}
        let cache = BoundedCache<String, Int>()
        #expect(throws: Bad.self) { try cache.value(for: "k") { (_) throws(Bad) -> Int in throw Bad() } }
        #expect(cache.value(for: "k") { _ in 1 } == 1)
    }

    /// A value `isCurrent` rejects is computed again and replaces the stale one.
    @Test func staleValuesAreReplaced() {
        let cache = BoundedCache<String, (version: Int, text: String)>()
        #expect(cache.value(for: "k", isCurrent: { $0.version == 1 }) { _ in (1, "one") }.text == "one")
        #expect(cache.value(for: "k", isCurrent: { $0.version == 1 }) { _ in (1, "recomputed") }.text == "one")
        #expect(cache.value(for: "k", isCurrent: { $0.version == 2 }) { _ in (2, "two") }.text == "two")
        #expect(cache.value(for: "k", isCurrent: { $0.version == 2 }) { _ in (2, "again") }.text == "two")
        #expect(cache.count == 1)
    }

    /// A rendering is kept while its source reads the same, and stored with the source the
    /// render reports (which may be newer than the one the caller read).
    @Test func renderingsAreReusedWhileTheirSourceReadsTheSame() {
        let cache = RenderingCache<Int, String>()
        let one = Array("one".utf8), two = Array("two".utf8)
        #expect(cache.bytes(for: 1, current: "a") { .init(source: "a", bytes: one) } == one)
        #expect(cache.bytes(for: 1, current: "a") { .init(source: "a", bytes: two) } == one)
        #expect(cache.bytes(for: 1, current: "b") { .init(source: "c", bytes: two) } == two)
        #expect(cache.bytes(for: 1, current: "c") { .init(source: "c", bytes: one) } == two)
    }

    @Test func startsOverWhenFull() {
        let cache = BoundedCache<Int, Int>(limit: 3)
        for key in 0..<3 { _ = cache.value(for: key) { $0 } }
        #expect(cache.count == 3)
        _ = cache.value(for: 3) { $0 }
        #expect(cache.count == 1)
    }
}
