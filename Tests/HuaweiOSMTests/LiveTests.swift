import MockCore
import Testing
import TestSupport

/// The same checks over a real socket, against the built `ticketmock` binary.
@Suite(.serialized) struct LiveTests {
    func headers(_ server: ServerProcess) -> Headers {
        var all = Harness.signed
        all.add("Host", "127.0.0.1:\(server.port)")
        return all
    }

    @Test func createDetailAndActionsLive() throws {  // huawei-osm.md §4, §5.1, §6
        let server = try ServerProcess.start(["--seed", "7"])
        defer { server.stop() }
        let client = server.client
        let created = try client.post("/v2/servicerequest/cases", json: Harness.observedBody, headers: headers(server))
        #expect(created.status == 200)
        #expect(created.headers["X-Request-Id"]?.utf8.count == 32)
        let id = created.json["incident_id"]?.stringValue ?? ""
        #expect(id.hasPrefix("CS"))
        let detail = try client.get("/v2/servicerequest/cases/\(id)", headers: headers(server)).json
        #expect(detail["incident_detail_info"]?["status"] == 0)
        #expect(
            try client.post("/v2/servicerequest/cases/\(id)/action?action_id=press", json: [:], headers: headers(server)).json
                == [:])
        #expect(
            try client.post("/v2/servicerequest/cases/\(id)/action?action_id=press", json: [:], headers: headers(server)).json
                == Expect.pressed)
        let accepted = try client.post("/_mock/tickets/huawei_osm/\(id)/actions", json: ["action": "accept"])
        #expect(accepted.json["status"] == 1)
        #expect(try client.get("/v2/servicerequest/cases/\(id)/status", headers: headers(server)).json == ["status": 1])
    }

    @Test func badInputLive() throws {  // §2.2, huawei-auth.md §4
        let server = try ServerProcess.start(["--max-body-bytes", "2048"])
        defer { server.stop() }
        let client = server.client
        let broken = try client.post("/v2/servicerequest/cases", text: "{\"business_type_id\":", headers: headers(server))
        #expect(broken.status == 200)
        #expect(broken.json == Expect.invalidParam)
        let huge = try client.post(
            "/v2/servicerequest/cases", json: ["simple_description": .string(String(repeating: "x", count: 4096))],
            headers: headers(server))
        #expect(huge.status == 413)
        #expect(huge.json["error_code"] == "APIGW.0201")
        let anonymous = try client.get("/v2/servicerequest/cases")
        #expect(anonymous.status == 401)
        #expect(try client.get("/v2/servicerequest/cases", headers: headers(server)).json["total_count"] == 0)
        let unknownPath = try client.get("/v2/servicerequest/nothing", headers: headers(server))
        #expect(unknownPath.json["error_code"] == "APIGW.0101")
    }

    @Test func namespacesAreIsolatedLive() throws {  // DESIGN.md: X-Mock-Namespace
        let server = try ServerProcess.start()
        defer { server.stop() }
        var a = headers(server)
        a.add("X-Mock-Namespace", "a")
        var b = headers(server)
        b.add("X-Mock-Namespace", "b")
        _ = try server.client.post("/v2/servicerequest/cases", json: Harness.observedBody, headers: a)
        #expect(try server.client.get("/v2/servicerequest/cases", headers: a).json["total_count"] == 1)
        #expect(try server.client.get("/v2/servicerequest/cases", headers: b).json["total_count"] == 0)
    }
}
