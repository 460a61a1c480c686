import MockCore
import Testing
import TestSupport

/// The shipped BlueKing examples against the real vendor, through the built binary. The Huawei
/// examples are in HuaweiExampleScenarioLiveTests.
@Suite(.serialized)
struct ExampleScenarioLiveTests {
    static func example(_ name: String) -> String {
        "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/") + "/scenarios/\(name).yaml"
    }

    static let esb = "/api/c/compapi/v2/itsm"
    static let auth: Headers = [
        "X-Bkapi-Authorization": #"{"bk_app_code": "demo-app", "bk_app_secret": "demo-secret", "bk_username": "admin"}"#
    ]

    /// bk-itsm.md §14: the official client's create_ticket body for the built-in approval service.
    static func createBody(title: String, callback: String? = nil) -> JSON {
        var meta: JSON = ["state_processors": ["407": "zhangsan"]]
        if let callback { meta["callback_url"] = .string(callback) }
        return [
            "service_id": 17, "creator": "admin",
            "fields": [
                ["key": "title", "value": .string(title)], ["key": "APPROVER", "value": "admin,zhangsan"],
                ["key": "APPROVAL_CONTENT", "value": "content"],
            ],
            "fast_approval": false, "meta": meta,
        ]
    }

    static func create(_ client: TestClient, title: String, callback: String? = nil) throws -> String {
        let answer = try client.post("\(esb)/create_ticket/", json: createBody(title: title, callback: callback), headers: auth)
        return try #require(answer.json["data"]?["sn"]?.stringValue)
    }

    static func status(_ client: TestClient, _ sn: String) throws -> JSON {
        try client.get("\(esb)/get_ticket_status/?sn=\(sn)", headers: auth).json
    }

    // bk-itsm.md §6, §7, §11.1
    @Test func approvalAfterTwoSeconds() throws {
        let server = try ServerProcess.start(["--scenario", Self.example("approval-after-2s")])
        let client = server.client
        _ = try client.request("PUT", "/_mock/clock", json: ["freeze": true])
        let sn = try Self.create(client, title: "please approve")
        #expect(try Self.status(client, sn)["data"]?["current_status"] == "RUNNING")
        _ = try client.request("PUT", "/_mock/clock", json: ["advance": "2s"])
        #expect(try Self.status(client, sn)["data"]?["current_status"] == "FINISHED")
        #expect(try client.post("/_mock/requests/verify", json: [:]).json["ok"] == true)
        #expect(server.stop() == 0)
    }

    // bk-itsm.md §11.5 (a rejection still ends FINISHED in the built-in flow), §11.8, §12.1 (callback on FINISHED)
    @Test func rejectionWithCallback() throws {
        let server = try ServerProcess.start(["--scenario", Self.example("rejection-with-callback")])
        let client = server.client
        _ = try client.request("PUT", "/_mock/clock", json: ["freeze": true])
        let rejected = try Self.create(client, title: "please reject", callback: "http://127.0.0.1:9/cb")
        let kept = try Self.create(client, title: "please approve")
        _ = try client.request("PUT", "/_mock/clock", json: ["advance": "1s"])
        #expect(try Self.status(client, rejected)["data"]?["current_status"] == "FINISHED")
        let ticket = try client.get("/_mock/tickets/bk_itsm/\(rejected)").json
        #expect(ticket["approve_result"] == false)
        #expect(ticket["nodes"]?[1]?["signs"]?[0]?["processor"] == "zhangsan")  // meta.state_processors names the approver
        #expect(ticket["nodes"]?[1]?["signs"]?[0]?["remark"] == "Budget exceeded.")
        #expect(try Self.status(client, kept)["data"]?["current_status"] == "RUNNING")
        let callbacks = try client.get("/_mock/callbacks").json["callbacks"]?.arrayValue ?? []
        #expect(callbacks.count == 1)
        #expect(callbacks.first?["url"] == "http://127.0.0.1:9/cb")
        #expect(callbacks.first?["ticket"] == .string(rejected))
        #expect(server.stop() == 0)
    }

    // bk-itsm.md §4 (3900004), ESB errors (1306429)
    @Test func flakyStatusPolling() throws {
        let server = try ServerProcess.start(["--scenario", Self.example("flaky-status-polling")])
        let client = server.client
        let sn = try Self.create(client, title: "poll me")
        let codes = try (1...10).map { _ in try Self.status(client, sn)["code"]?.intValue ?? -1 }
        #expect(codes[0] == 0)
        #expect(codes[1] == 3_900_004 && codes[2] == 3_900_004)
        #expect(codes[4] == 1_306_429 && codes[9] == 1_306_429)
        #expect(server.stop() == 0)
    }

    @Test func connectionFaultsOnBlueKingCalls() throws {
        let server = try ServerProcess.start(["--scenario", Self.example("connection-faults")])
        let raw = BlockingHTTPClient(port: server.port, timeout: .seconds(5))
        let body = Self.createBody(title: "x").jsonBytes
        var headers = Self.auth
        headers.add("Content-Type", "application/json")
        func create() throws(BlockingHTTPClient.Failure) -> BlockingHTTPClient.Answer {
            try raw.send("POST", "\(Self.esb)/create_ticket/", headers: headers, body: body)
        }
        #expect(throws: BlockingHTTPClient.Failure.reset) { try create() }
        #expect(throws: BlockingHTTPClient.Failure.closed(received: [])) { try create() }
        #expect(throws: BlockingHTTPClient.Failure.self) { try create() }  // garbage
        #expect(throws: BlockingHTTPClient.Failure.self) { try create() }  // truncated
        let sn = try #require(try create().bodyText.split(separator: "\"sn\":\"").dropFirst().first?.prefix { $0 != "\"" })
        let start = ContinuousClock.now
        let status = try raw.send("GET", "\(Self.esb)/get_ticket_status/?sn=\(sn)", headers: Self.auth)
        #expect(status.status == 200)
        #expect(ContinuousClock.now - start >= .milliseconds(1900))
        #expect(server.stop() == 0)
    }
}
