import MockCore
import TestSupport
import Testing

/// The same checks over a real socket against the built binary (habit 10).
@Suite(.serialized) struct LiveTests {
    // huawei-coc.md §4.5, §6.2 over the wire.
    @Test func createAndShow() throws {
        let server = try ServerProcess.start()
        defer { server.stop() }
        let created = try server.client.post("/v1/change/tickets", json: Bodies.change, headers: signed)
        #expect(created.status == 200)
        #expect(created.headers["X-Request-Id"]?.count == 32)
        #expect(created.headers["Content-Type"] == "application/json;charset=UTF-8")
        let id = try #require(created.json["data"]?["id"]?.stringValue)
        let shown = try server.client.get("/v1/change/tickets/\(id)", headers: signed)
        #expect(shown.json["data"]?["work_flow_status"] == "phase_change_approve")
        let admin = try server.client.get("/_mock/tickets?vendor=huawei_coc")
        #expect(admin.json["tickets"]?.arrayValue?.count == 1)
    }

    // huawei-coc.md §2.2 and huawei-auth.md §4 over the wire: 400, 401, 404, 413; nothing stored.
    @Test func errors() throws {
        let server = try ServerProcess.start(["--max-body-bytes", "1024"])
        defer { server.stop() }
        let client = server.client
        expectInvalid(try client.post("/v1/change/tickets", text: "{\"title\":", headers: signed), "the body is not valid JSON")
        expectInvalid(
            try client.post("/v1/change/tickets", json: Bodies.with(Bodies.change, "is_start_process", "yes"), headers: signed),
            "is_start_process must be a boolean")
        expectUnknown(try client.get("/v1/change/tickets/CM1", headers: signed))
        let unsigned = try client.post("/v1/change/tickets", json: Bodies.change)
        #expect(unsigned.status == 401)
        #expect(unsigned.json["error_msg"] == "Incorrect IAM authentication information: x-auth-token not found")
        #expect(try client.get("/v1/nothing/here/at/all", headers: signed).json["error_code"] == "APIGW.0101")
        let big = try client.post("/v1/change/tickets", text: String(repeating: " ", count: 4096), headers: signed)
        #expect(big.status == 413)
        #expect(big.json["error_code"] == "APIGW.0201")
        #expect(try client.get("/_mock/tickets?vendor=huawei_coc").json["tickets"] == [])
    }
}
