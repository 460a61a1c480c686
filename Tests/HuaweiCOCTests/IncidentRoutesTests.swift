import MockCore
import TestSupport
import Testing

@testable import HuaweiCOC

/// Lists, histories, sub-tickets, external issues, incidents, attachments and the admin side.
@Suite struct IncidentRoutesTests {
    // §5.3: list-tickets with filters and paging; list-histories.
    @Test func listsAndHistories() throws {
        let h = COCHarness()
        var ids: [String] = []
        for level in ["change_level_010", "change_level_020", "change_level_020"] {
            ids.append(try h.create("change", Bodies.with(Bodies.change, "level", .string(level)))["ticket_id"]!.stringValue!)
        }
        _ = try h.create("issues_mgmt", Bodies.issue)
        let all = try h.post("/v1/change/list-tickets", [:]).json["data"]
        #expect(all?["total"] == 3)
        #expect(all?["tickets"]?[0]?["ticket_id"] == .string(ids[2]))
        let filtered = try h.post(
            "/v1/change/list-tickets",
            [
                "string_filters": [["field": "level", "operator": "in", "values": ["change_level_020"]]], "page": 1,
                "per_page": 1,
            ]
        ).json["data"]
        #expect(filtered?["total"] == 2)
        #expect(filtered?["tickets"]?.arrayValue?.count == 1)
        expectInvalid(try h.post("/v1/change/list-tickets", ["page": "1"]), "page must be an integer")
        expectInvalid(
            try h.post("/v1/change/list-tickets", ["string_filters": [["field": "x", "operator": "~"]]]),
            "string_filters[0].operator must be one of " + ExternalRules.filterOperators.joined(separator: ", "))
        _ = try h.action("change", ids[0], "agreed", ["conclusion": true])
        let histories = try h.post(
            "/v1/change/list-histories",
            [
                "string_filters": [["field": "ticket_id", "operator": "=", "values": .array([.string(ids[0])])]]
            ]
        ).json["data"]
        #expect(histories?["total"] == 1)
        #expect(histories?["histories"]?[0]?["action"] == "agreed")
        #expect(histories?["histories"]?[0]?["status"] == "phase_change_implemente")
        let external = try h.post("/v1/external/issues_mgmt/list-histories", [:])
        #expect(external.status == 200)
    }

    @Test func subTickets() throws {
        let h = COCHarness()
        let id = try h.create()["ticket_id"]!.stringValue!
        let all = try h.get("/v1/change/tickets/\(id)/list-sub-tickets").json["data"]
        #expect(all?["sub_tickets"]?.arrayValue?.count == 2)
        let plans = try h.get("/v1/change/tickets/\(id)/list-sub-tickets?type=child_ticket&limit=5").json["data"]
        #expect(plans?["sub_tickets"]?[0]?["target_type"] == "child_ticket")
        let tenant = try h.get("/v1/hosting_change_tenant/tickets/\(id)/list-sub-tickets").json["data"]
        #expect(tenant?["total"] == 2)
        expectInvalid(try h.get("/v1/change/tickets/\(id)/list-sub-tickets?limit=x"), "limit must be an integer")
        expectUnknown(try h.get("/v1/change/tickets/CM1/list-sub-tickets"))
    }

    // §5.6: the external issue API.
    @Test func externalIssue() throws {
        let h = COCHarness()
        let body: JSON = [
            "title": "t", "description": "d", "impacted_cloud_services": ["ecs"], "level": "issues_level_2000",
            "ticket_type": "issues_type_2000", "reproduce_probability": "issues_reproduce_probability_1000",
            "root_cause_cloud_service": ["ecs"], "virtual_schedule_type": "issues_mgmt_virtual_schedule_type_1000",
            "source": "issues_source_1000", "regions": ["cn-north-4", "cn-south-1"],
        ]
        let created = try h.post("/v1/external/issues/create", body)
        let id = try #require(created.json["data"]?["ticket_id"]?.stringValue)
        #expect(id.hasPrefix("PM"))
        let detail = try h.get("/v1/external/issues/\(id)").json["data"]
        #expect(detail?["regions"] == "cn-north-4,cn-south-1")
        #expect(detail?["reproduce_probability"] == "issues_reproduce_probability_1000")
        #expect(detail?["work_flow_status"] == "UNACCEPTED")
        expectInvalid(
            try h.post("/v1/external/issues/create", Bodies.with(body, "level", "issues_level_4000")),
            "level must be one of issues_level_1000, issues_level_2000, issues_level_3000")
        expectInvalid(
            try h.post("/v1/external/issues/create", Bodies.with(body, "impacted_cloud_services", "ecs")),
            "impacted_cloud_services must be an array")
        expectUnknown(try h.get("/v1/external/issues/PM1"))
        #expect(h.ticketCount == 1)
    }

    // §5.4, §5.5, §7.3: incidents through both API generations.
    @Test func incidents() throws {
        let h = COCHarness()
        let created = try h.post("/v1/external/incident/create", Bodies.incident)
        let number = try #require(created.json["data"]?["incident_num"]?.stringValue)
        #expect(number.hasPrefix("IM20250624115256") && number.count == 26)
        let handle = { (key: String, parameter: JSON) throws -> TestResponse in
            try h.post(
                "/v1/external/incident/handle",
                [
                    "incident_num": .string(number), "operator": "op",
                    "operate_key": .string(key), "parameter": parameter,
                ])
        }
        expectInvalid(
            try handle("commitSolution1", ["solution": "s"]),
            "action commitSolution1 is not allowed in status INCIDENT_STATUS_TRIGGERED")
        #expect(try handle("acceptedIncident1", [:]).status == 200)
        expectInvalid(try handle("commitSolution1", [:]), "parameter.solution is required")
        expectInvalid(
            try handle("commitSolution1", ["solution": "s", "is_service_interrupt": true]),
            "parameter.start_time is required")
        #expect(try handle("commitSolution1", ["solution": "s", "mtm_type": "m", "cause": "c"]).status == 200)
        let detail = try h.get("/v1/external/incident/\(number)").json["data"]
        #expect(detail?["status"] == "INCIDENT_STATUS_RESOLVED")
        #expect(detail?["incident_title"] == "disk full")
        #expect(detail?["region"] == ["cn-north-4"])
        let tasks = try h.get("/v2/incidents/\(number)/tasks").json["data"]
        #expect(tasks?[0]?["key"] == "confirm")
        #expect(
            try h.post(
                "/v2/incidents/\(number)/actions",
                [
                    "task_id": "t", "action": "confirm",
                    "params": ["virtual_confirm_result": true],
                ]
            ).status == 200)
        #expect(try h.get("/v1/external/incident/\(number)").json["data"]?["status"] == "INCIDENT_STATUS_COMPLETED")
        let histories = try h.post("/v2/incidents/\(number)/histories", [:]).json["data"]
        #expect(histories?["total"] == 3)
        #expect(try h.get("/v1/incident-tickets?offset=1&limit=10").json["data"]?["total"] == 1)
        #expect(try h.post("/v2/incidents/list", [:]).json["data"]?["total"] == 1)
        expectInvalid(try handle("close", [:]), "operate_key must be one of acceptedIncident1, commitSolution1, confirm")
        expectInvalid(
            try h.post("/v1/external/incident/create", Bodies.with(Bodies.incident, "incident_level", "P1")),
            "incident_level must be one of level_10, level_20, level_30, level_40, level_50")
        expectUnknown(try h.get("/v1/external/incident/IM1"))
        expectUnknown(
            try h.post("/v1/external/incident/handle", ["incident_num": "IM1", "operator": "o", "operate_key": "confirm"]))
    }

    // §3.1: attachments up and down (multipart, field `file`).
    @Test func attachments() throws {
        let h = COCHarness()
        let boundary = "67fa5517b8e64b6d8d4b487548ae6bbb"
        let body =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello world\r\n--\(boundary)--\r\n"
        var headers = signed
        headers.set("Content-Type", "multipart/form-data; boundary=\(boundary)")
        headers.add("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
        let uploaded = try h.client.post("/v1/incident/attachments", text: body, headers: headers)
        #expect(uploaded.json["provider_code"] == "049")
        let docId = try #require(uploaded.json["data"]?["doc_id"]?.stringValue)
        #expect(uploaded.json["data"]?["doc_name"] == "a.txt")
        let downloaded = try h.get("/v1/incident/attachments/\(docId)")
        #expect(downloaded.text == "hello world")
        #expect(downloaded.headers["Content-Type"] == "text/plain")
        expectInvalid(try h.client.post("/v1/incident/attachments", text: "nothing", headers: headers), "file is required")
        expectUnknown(try h.get("/v1/incident/attachments/none"))
        #expect(try h.client.post("/v1/external/incident/attachments", text: body, headers: headers).status == 200)
    }

    // The operator's side: admin actions (accept, approve, resolve, …) and scenario errors.
    @Test func adminActions() throws {
        let h = COCHarness()
        let issue = try h.create("issues_mgmt", Bodies.with(Bodies.issue, "is_start_process", true))["ticket_id"]!.stringValue!
        #expect(
            try h.coc.perform(action: ["action": "accept"], ticketId: issue, namespace: "default")["work_flow_status"]
                == "HANDLING")
        #expect(
            try h.coc.perform(action: ["action": "resolve"], ticketId: issue, namespace: "default")["work_flow_status"]
                == "SOLVED")
        #expect(throws: ActionError(.notAllowed, "action gocm_issues_accepte is not allowed in status SOLVED")) {
            try h.coc.perform(action: ["action": "accept"], ticketId: issue, namespace: "default")
        }
        let change = try h.create()["id"]!.stringValue!
        #expect(
            try h.coc.perform(action: ["action": "approve"], ticketId: change, namespace: "default")["phase"]
                == "phase_change_implemente")
        #expect(
            try h.coc.perform(action: ["action": "resolve"], ticketId: change, namespace: "default")["phase"]
                == "phase_change_end")
        #expect(
            try h.coc.perform(
                action: ["action": "status", "value": "phase_change_draft"], ticketId: change,
                namespace: "default")["phase"] == "phase_change_draft")
        #expect(throws: ActionError.self) { try h.coc.perform(action: ["action": "fly"], ticketId: change, namespace: "default") }
        #expect(throws: ActionError(.unknownTicket, "no COC ticket or incident CM1")) {
            try h.coc.perform(action: ["action": "accept"], ticketId: "CM1", namespace: "default")
        }
        let number = try h.post("/v1/external/incident/create", Bodies.incident).json["data"]!["incident_num"]!.stringValue!
        #expect(
            try h.coc.perform(action: ["action": "accept"], ticketId: number, namespace: "default")["status"]
                == "INCIDENT_STATUS_ACKNOWLEDGED")
        #expect(
            try h.coc.perform(action: ["action": "resolve"], ticketId: number, namespace: "default")["status"]
                == "INCIDENT_STATUS_RESOLVED")
        #expect(h.coc.tickets(namespace: "default").count == 3)
        #expect(h.coc.ticket(id: issue, namespace: "default")?["ticket_id"] == .string(issue))
        #expect(h.coc.tickets(namespace: "other").isEmpty)
        for name in ["huawei_coc.GOM.00007256", "huawei_coc.COC.00067003", "apig.throttled", "apig.unauthorized"] {
            let builder = try #require(h.coc.errorCatalog[name])
            let response = builder(Request(method: "GET", uri: "/v1/change/tickets/x"))
            #expect(response.status >= 400)
            #expect(response.headers["X-Request-Id"]?.count == 32)
        }
    }

    // huawei-coc.md §3.2 [mock]: war rooms and alarms answer the success envelope with empty data.
    @Test func stubs() throws {
        let h = COCHarness()
        #expect(try h.post("/v1/alarm-mgmt/alarms-linked-incident", [:]).json["data"] == [])
        #expect(try h.post("/v1/external/warrooms/list", [:]).json["error_code"] == "GOM.00000000")
        #expect(try h.get("/v1/alarm-mgmt/alarm/a1").json["data"] == [:])
        expectInvalid(try h.post("/v1/external/warrooms", text: "{"), "the body is not valid JSON")
    }

    // Namespaces are disjoint (habit 7).
    @Test func namespaces() throws {
        let h = COCHarness()
        var headers = signed
        headers.add("X-Mock-Namespace", "B")
        let id = try h.create()["ticket_id"]!.stringValue!
        expectUnknown(try h.client.get("/v1/change/tickets/\(id)", headers: headers))
    }
}
