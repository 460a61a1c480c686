import Testing

@testable import MockCore

@Suite struct QueryStringTests {
    @Test func decodesPairsInOrder() {
        let items = QueryString.parse("a=1&&b=x+y%21&c&=v&d=%ZZ+q&e=a=b")
        #expect(items.map(\.name) == ["a", "b", "c", "", "d", "e"])
        #expect(items.map(\.value) == ["1", "x y!", "", "v", "%ZZ q", "a=b"])
    }

    @Test func plusStaysWhenAsked() {
        #expect(QueryString.parse("k=a+b%2B", plusIsSpace: false).first?.value == "a+b+")
    }

    @Test func invalidUTF8EscapesStayAsWritten() {
        #expect(QueryString.parse("k=%FF+x").first?.value == "%FF x")
    }

    @Test func theWholeTargetIsThePathWhenThereIsNoQuery() {
        let request = Request(method: "GET", uri: "/v1/change/tickets")
        #expect(request.rawPath == "/v1/change/tickets")
        #expect(request.rawQuery == "")
        #expect(Request(method: "GET", uri: "/p?#f").rawQuery == "")
        #expect(Request(method: "GET", uri: "?x=1").rawPath == "/")
    }
}

@Suite struct HeaderNameTests {
    @Test func onlyLettersFoldTheirCase() {
        #expect("X-Mock-Namespace".equalsIgnoringASCIICase("x-mock-NAMESPACE"))
        #expect(!"a@".equalsIgnoringASCIICase("a`"))
        #expect(!"[".equalsIgnoringASCIICase("{"))
        #expect(!"ab".equalsIgnoringASCIICase("abc"))
        #expect("".equalsIgnoringASCIICase(""))
        #expect("内容-Type".equalsIgnoringASCIICase("内容-type"))
    }
}
