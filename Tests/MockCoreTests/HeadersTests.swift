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

    @Test func valuesAreReadAsBytesInPlaceOrFromTheList() {
        let raw = Headers(raw: Self.raw)
        let list = Headers([("Host", "h"), ("X-Long-Header-Name", "a value"), ("host", "second")])
        for headers in [raw, list] {
            #expect(headers.withValue("x-long-header-name") { String(decoding: $0, as: UTF8.self) } == "a value")
            #expect(headers.withValue("HOST") { $0.count } == 1)
            #expect(headers.withValue("Missing") { _ in true } == nil)
        }
    }

    @Test func rawLookupsScanFromAField() {
        #expect(Self.raw.firstIndex(of: "host", from: 0) == 0)
        #expect(Self.raw.firstIndex(of: "HOST", from: 1) == 2)
        #expect(Self.raw.firstIndex(of: "host", from: 3) == nil)
        #expect(Self.raw.firstIndex(of: "", from: 0) == nil)
        #expect(Self.raw.nameLength(at: 1) == 18)
        #expect(Self.raw.name(at: 1, equals: "x-long-header-name"))
        #expect(!Self.raw.name(at: 1, equals: "x-long-header-namf"))
    }

    @Test func rawNamesCompareByteForByteBeyondASCIILetters() {
        let text = "Ä-Name: 1\r\nX_Y: 2\r\nXaY: 3\r\n"
        let fields = RawHeaderFields(bytes: Array(text.utf8), bounds: [0, 7, 9, 10, 12, 15, 17, 18, 20, 23, 25, 26])
        let headers = Headers(raw: fields)
        #expect(headers["Ä-name"] == "1")
        #expect(headers["ä-name"] == nil)  // only ASCII letters fold
        #expect(headers["x_y"] == "2")
        #expect(headers["X\u{7F}Y"] == nil)  // `_` and DEL differ by the case bit but are no letters
        #expect(headers.values("xay") == ["3"])
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
