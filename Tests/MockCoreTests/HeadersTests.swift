import Testing

@testable import MockCore

/// Header fields kept as they arrived, and the same fields as a list (RFC 9110 §5.1: names ignore case).
@Suite struct HeadersTests {
    /// "Host: h\r\nX-Long-Header-Name: a value\r\nhost: second\r\n" with each field's bounds.
    static let raw: RawHeaderFields = {
        let text = "Host: h\r\nX-Long-Header-Name: a value\r\nhost: second\r\n"
        return RawHeaderFields(bytes: Array(text.utf8), bounds: [0, 4, 6, 7, 9, 27, 29, 36, 38, 42, 44, 50])
    }()

    @Test func rawFieldsAnswerLookupsLikeAList() {
        let raw = Headers(raw: Self.raw)
        let list = Headers([("Host", "h"), ("X-Long-Header-Name", "a value"), ("host", "second")])
        for headers in [raw, list] {
            #expect(headers["HOST"] == "h")
            #expect(headers["x-long-header-name"] == "a value")
            #expect(headers.values("Host") == ["h", "second"])
            #expect(headers["Hos"] == nil)
            #expect(headers["X-Long-Header-Namf"] == nil)
            #expect(headers.count == 3)
            #expect(headers.map(\.name) == ["Host", "X-Long-Header-Name", "host"])
        }
    }

    @Test func changingRawFieldsTurnsThemIntoAListWithTheSameOrder() {
        var headers = Headers(raw: Self.raw)
        headers.set("host", "new")
        #expect(headers.fields.map(\.name) == ["X-Long-Header-Name", "host"])
        #expect(headers["Host"] == "new")
        var added = Headers(raw: Self.raw)
        added.add("Extra", "1")
        #expect(added.fields.map(\.value) == ["h", "a value", "second", "1"])
        var removed = Headers(raw: Self.raw)
        removed.remove("x-long-header-name")
        #expect(removed.count == 2)
    }
}
