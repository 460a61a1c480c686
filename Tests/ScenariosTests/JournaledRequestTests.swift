import MockCore
import Testing

@testable import Scenarios

@Suite struct JournaledRequestTests {
    @Test func keepsMethodTargetHeadersAndBody() {
        let request = Request(
            method: "POST", uri: "/v1/x?q=中", headers: ["Content-Type": "application/json", "X-Empty": "", "X-Two": "a"],
            body: Array(#"{"k":"值"}"#.utf8))
        let back = request.journaled(bodyLimit: 1024)
        #expect(back.method == "POST")
        #expect(back.uri == "/v1/x?q=中")
        #expect(back.headers.fields.map(\.name) == ["Content-Type", "X-Empty", "X-Two"])
        #expect(back.headers.fields.map(\.value) == ["application/json", "", "a"])
        #expect(back.body == request.body)
        #expect(!back.bodyTooLarge)
    }

    @Test func cutsTheBodyAtTheLimit() {
        let request = Request(method: "PUT", uri: "/", body: Array(repeating: 0x61, count: 100), bodyTooLarge: true)
        let back = request.journaled(bodyLimit: 10)
        #expect(back.body.count == 10)
        #expect(back.headers.isEmpty)
        #expect(back.bodyTooLarge)
    }
}
