import MockCore
#if canImport(Glibc)
    import Glibc
#endif
import TestSupport
import Testing

/// The same checks through the real binary on a socket (`swift build` first).
@Suite(.serialized) struct LiveTests {
    static let auth = Harness.auth
    static let esb = Harness.esb

    // bk-itsm.md §1.2, §6, §7, §9.4, §12: the whole approval over the wire, every path variant.
    @Test func approvalFlowLive() throws {
        let server = try ServerProcess.start()
        defer { server.stop() }
        let client = server.client
        let created = try client.post(
            "\(Self.esb)/create_ticket/", json: Harness.builtinBody(callback: "http://127.0.0.1:1/cb"), headers: Self.auth
        ).json
        let sn = created["data"]?["sn"]?.stringValue ?? ""
        #expect(sn.hasPrefix("REQ"))
        for path in ["/api/c/compapi/itsm", "//api/c/compapi/v2/itsm", "/api/bk-itsm/prod/v2/itsm"] {
            let status = try client.get("\(path)/get_ticket_status/?sn=\(sn)", headers: Self.auth).json
            #expect(status["data"]?["current_status"] == "RUNNING", "\(path)")
        }
        let fields: JSON = [
            ["key": .string(Harness.approvalKeys.result), "value": "true"],
            ["key": .string(Harness.approvalKeys.remark), "value": ""],
            ["key": .string(Harness.approvalKeys.reject), "value": ""],
        ]
        let done = try client.post(
            "\(Self.esb)/operate_node/",
            json: ["sn": .string(sn), "operator": "zhangsan", "state_id": 407, "action_type": "TRANSITION", "fields": fields],
            headers: Self.auth)
        #expect(done.status == 200)
        #expect(done.json["data"] == [])
        #expect(
            try client.get("\(Self.esb)/get_ticket_status/?sn=\(sn)", headers: Self.auth).json["data"]?["current_status"]
                == "FINISHED")
        // The callback to a closed port fails and lists the sn (§12.2).
        var failed: JSON = []
        for _ in 0..<100 where failed == [] {
            failed = try client.get("\(Self.esb)/callback_failed_ticket/", headers: Self.auth).json["data"] ?? []
            if failed == [] { usleepMillis(20) }
        }
        #expect(failed == [.string(sn)])
        let admin = try client.get("/_mock/tickets/bk_itsm/\(sn)").json
        #expect(admin["approve_result"] == true)
    }

    // Bad input over the wire: broken JSON, unknown sn, missing credentials, oversized body, backend path.
    @Test func badInputLive() throws {
        let server = try ServerProcess.start(["--max-body-bytes", "2048"])
        defer { server.stop() }
        let client = server.client
        let broken = try client.post("\(Self.esb)/create_ticket/", text: "{nope", headers: Self.auth)
        #expect(broken.status == 200)
        #expect(broken.json["code"] == 3900004)
        #expect(try client.get("\(Self.esb)/get_ticket_info/?sn=REQ20240101000001", headers: Self.auth).json["code"] == 3900022)
        #expect(try client.get("\(Self.esb)/get_services/").json["message"] == "APP Code [bk_app_code] cannot be empty")
        let large = try client.post("\(Self.esb)/create_ticket/", text: String(repeating: " ", count: 4096), headers: Self.auth)
        #expect(large.json["code"] == 1306406)
        let backend = try client.get("/o/bk_itsm/openapi/ticket/get_ticket_status/?sn=x")
        #expect(backend.status == 403)
        #expect(backend.text == "This API can only be accessed through API gateway")
        #expect(try client.get("/_mock/tickets?vendor=bk_itsm").json["count"] == 0)
    }
}

func usleepMillis(_ milliseconds: Int) {
    var request = timespec(tv_sec: 0, tv_nsec: milliseconds * 1_000_000)
    nanosleep(&request, nil)
}
