import MockCore
import Testing
import TestSupport

/// The shipped Huawei examples against the real vendors, through the built binary. `--auth open`
/// (the default) accepts a well-formed signature header without checking it; long lifecycle
/// delays are crossed with `PUT /_mock/clock` instead of sleeping.
@Suite(.serialized)
struct HuaweiExampleScenarioLiveTests {
    static let cocIssues = "/v1/issues_mgmt/tickets"
    static let osmCases = "/v2/servicerequest/cases"

    static func signed(_ server: ServerProcess) -> Headers {
        [
            "Authorization":
                "SDK-HMAC-SHA256 Access=TESTAK0123456789ABCD, SignedHeaders=content-type;host;x-sdk-date, Signature=0a1b2c3d",
            "X-Sdk-Date": "20260105T010000Z", "Host": "127.0.0.1:\(server.port)",
        ]
    }

    /// huawei-coc.md §4.6: an issue ticket that starts its flow (UNACCEPTED).
    static let issue: JSON = [
        "title": "gateway timeouts", "description": "desc", "enterprise_project": "0", "level": "issues_level_4000",
        "ticket_type": "issues_type_1000", "regions": "cn-north-4", "source": "issues_mgmt_associated_type_1000",
        "source_id": "IM202506240000000001", "fount_time": 1_750_737_600_000,
        "virtual_schedule_type": "issues_mgmt_virtual_schedule_type_2000", "issue_contact_person": "user-id-1",
        "is_start_process": true,
    ]

    /// huawei-osm.md §4: the body the official client sends (built-in lookup ids).
    static let osmCase: JSON = [
        "incident_sub_type_id": "sub-1", "product_category_id": "prod-1", "business_type_id": "bt-1",
        "region_id": "cn-north-4", "simple_description": "ECS cannot start", "source_id": "83aeb0f2834c4df49826c781d32a963e",
        "remind_mobile": "13800000000", "remind_mail": "a@example.com", "remind_time": "0", "severity_id": "sev-1",
    ]

    static func advance(_ client: TestClient, _ duration: String) throws {
        let answer = try client.request("PUT", "/_mock/clock", json: ["advance": .string(duration)])
        #expect(answer.status == 200, "\(answer.text)")
    }

    static func cocStatus(_ server: ServerProcess, _ id: String) throws -> JSON {
        try server.client.get("\(cocIssues)/\(id)", headers: signed(server)).json["data"] ?? .null
    }

    static func osmDetail(_ server: ServerProcess, _ id: String) throws -> JSON {
        try server.client.get("\(osmCases)/\(id)", headers: signed(server)).json["incident_detail_info"] ?? .null
    }

    static func elapsed(_ work: () throws -> TestResponse) rethrows -> (TestResponse, Duration) {
        let start = ContinuousClock.now
        let answer = try work()
        return (answer, ContinuousClock.now - start)
    }

    // huawei-coc.md §4, §7.1: UNACCEPTED → (accept, gocm_issues_accepte) HANDLING → (resolve, submitting_question) SOLVED
    @Test func cocIssueAcceptedAndResolved() throws {
        let server = try ServerProcess.start(["--scenario", ExampleScenarioLiveTests.example("coc-issue-accepted-resolved")])
        let client = server.client
        let created = try client.post(Self.cocIssues, json: Self.issue, headers: Self.signed(server))
        #expect(created.status == 200, "\(created.text)")
        let id = try #require(created.json["data"]?["ticket_id"]?.stringValue)
        #expect(try Self.cocStatus(server, id)["work_flow_status"] == "UNACCEPTED")
        try Self.advance(client, "4s")
        #expect(try Self.cocStatus(server, id)["work_flow_status"] == "UNACCEPTED")
        try Self.advance(client, "1s")
        let accepted = try Self.cocStatus(server, id)
        #expect(accepted["work_flow_status"] == "HANDLING")
        #expect(accepted["assignee"] == "user-id-1")  // the issue's contact person takes it
        try Self.advance(client, "29s")
        #expect(try Self.cocStatus(server, id)["work_flow_status"] == "HANDLING")
        try Self.advance(client, "1s")
        let solved = try Self.cocStatus(server, id)
        #expect(solved["work_flow_status"] == "SOLVED")
        #expect(solved["solution"] == "Restarted the gateway nodes.")
        let runs = try client.get("/_mock/scenarios").json["lifecycle_runs"]?.arrayValue ?? []
        #expect(runs.map { $0["rule"] } == ["accept", "resolve"], "\(runs)")
        #expect(runs.allSatisfy { $0["ticket"] == .string(id) && $0["error"] == .null })
        let metrics = try client.get("/_mock/metrics").text  // counted from the partition, not rendered
        #expect(metrics.contains(#"ticketmock_tickets{vendor="huawei_coc",namespace="default"} 1"#), "\(metrics)")
        #expect(try client.post("/_mock/requests/verify", json: [:]).json["ok"] == true)
        #expect(server.stop() == 0)
    }

    // huawei-osm.md §5.3, §7: 0 → 1 with a message, a reply, → 2, then completed (3)
    @Test func osmCaseWorkedToCompletion() throws {
        let server = try ServerProcess.start(["--scenario", ExampleScenarioLiveTests.example("osm-case-completed")])
        let client = server.client
        _ = try client.request("PUT", "/_mock/clock", json: ["freeze": true])
        let created = try client.post(Self.osmCases, json: Self.osmCase, headers: Self.signed(server))
        #expect(created.status == 200, "\(created.text)")
        let id = try #require(created.json["incident_id"]?.stringValue)
        #expect(try Self.osmDetail(server, id)["status"] == 0)
        try Self.advance(client, "10s")
        #expect(try Self.osmDetail(server, id)["status"] == 1)
        func messages() throws -> [String] {
            let list = try client.get("\(Self.osmCases)/\(id)/messages", headers: Self.signed(server)).json["message_list"]
            return (list?.arrayValue ?? []).compactMap { $0["content"]?.stringValue }
        }
        #expect(try messages().contains("We are looking into it."))
        try Self.advance(client, "1m")
        #expect(try Self.osmDetail(server, id)["status"] == 2)
        #expect(try messages().contains("The quota was raised; please check."))
        try Self.advance(client, "4m")
        #expect(try Self.osmDetail(server, id)["status"] == 2)
        try Self.advance(client, "1m")
        #expect(try Self.osmDetail(server, id)["status"] == 3)
        #expect(try client.get("\(Self.osmCases)/\(id)/status", headers: Self.signed(server)).json == ["status": 3])
        let metrics = try client.get("/_mock/metrics").text
        #expect(metrics.contains(#"ticketmock_tickets{vendor="huawei_osm",namespace="default"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"ticketmock_tickets{vendor="bk_itsm",namespace="default"} 0"#), "\(metrics)")
        #expect(try client.post("/_mock/requests/verify", json: [:]).json["ok"] == true)
        #expect(server.stop() == 0)
    }

    // huawei-auth.md (APIG 429 APIGW.0308); delays: docs/scenarios.md `respond.delay`
    @Test func slowAndThrottledHuaweiCalls() throws {
        let server = try ServerProcess.start(["--scenario", ExampleScenarioLiveTests.example("slow-throttled-huawei")])
        let client = server.client
        let (created, createTime) = try Self.elapsed {
            try client.post(Self.cocIssues, json: Self.issue, headers: Self.signed(server))
        }
        #expect(created.status == 200, "\(created.text)")
        // Log-normal delay: median 800 ms, cap 5 s.
        #expect(createTime >= .milliseconds(100) && createTime < .seconds(6), "\(createTime)")
        let id = try #require(created.json["data"]?["ticket_id"]?.stringValue)
        let (detail, readTime) = try Self.elapsed { try client.get("\(Self.cocIssues)/\(id)", headers: Self.signed(server)) }
        #expect(detail.json["data"]?["ticket_id"] == .string(id))
        #expect(readTime >= .milliseconds(100), "\(readTime)")  // uniform 100–300 ms
        var statuses: [Int] = []
        for _ in 0..<60 {
            let answer = try client.get(Self.osmCases, headers: Self.signed(server))
            statuses.append(answer.status)
            if answer.status == 429 { #expect(answer.json["error_code"] == "APIGW.0308") }
        }
        let throttled = statuses.count { $0 == 429 }
        #expect(throttled >= 1 && throttled <= 20, "\(statuses)")
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 429 })
        // After the ten-minute window nothing is throttled any more.
        try Self.advance(client, "10m")
        for _ in 0..<30 { #expect(try client.get(Self.osmCases, headers: Self.signed(server)).status == 200) }
        #expect(server.stop() == 0)
    }

    // connection-faults.yaml, its Huawei part: the first 3 COC detail reads hang, the 4th answers.
    @Test func hangingCOCDetailReads() throws {
        let server = try ServerProcess.start(["--scenario", ExampleScenarioLiveTests.example("connection-faults")])
        let created = try server.client.post(Self.cocIssues, json: Self.issue, headers: Self.signed(server))
        let id = try #require(created.json["data"]?["ticket_id"]?.stringValue)
        let raw = BlockingHTTPClient(port: server.port, timeout: .milliseconds(500))
        let path = "\(Self.cocIssues)/\(id)"
        for _ in 1...3 {
            let start = ContinuousClock.now
            #expect(throws: BlockingHTTPClient.Failure.timeout) { try raw.send("GET", path, headers: Self.signed(server)) }
            #expect(ContinuousClock.now - start >= .milliseconds(450))
        }
        let answer = try raw.send("GET", path, headers: Self.signed(server))
        #expect(answer.status == 200)
        #expect(answer.bodyText.contains("\"work_flow_status\":\"UNACCEPTED\""))
        #expect(server.stop() == 0)
    }
}
