import MockCore
import TestSupport
import Testing

@testable import HuaweiCOC

/// HTTP-level checks of the ticket routes, in process (huawei-coc.md §2–§7).
@Suite struct TicketRoutesTests {
    // §4.5 and §8: the create answer, ids and envelope.
    @Test func createChange() throws {
        let h = COCHarness()
        let response = try h.post("/v1/change/tickets", Bodies.change)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json;charset=UTF-8")
        #expect(response.headers["X-Request-Id"]?.count == 32)
        let json = response.json
        #expect(json.objectValue?.keys == ["provider_code", "error_code", "error_msg", "data"])
        #expect(json["provider_code"] == "049" && json["error_code"] == "GOM.00000000" && json["error_msg"] == .null)
        let data = try #require(json["data"])
        #expect(
            data.objectValue?.keys == [
                "is_start_process_async", "is_update_null", "is_return_full_info",
                "is_start_process", "ticket_id", "id",
            ])
        let ticketId = data["ticket_id"]?.stringValue ?? ""
        // §8: CM + Asia/Shanghai yyyyMMddHHmmss + 10 digits.
        #expect(ticketId.hasPrefix("CM20250624115256") && ticketId.count == 26 && ticketId.dropFirst(2).allSatisfy(\.isNumber))
        let id = data["id"]?.stringValue ?? ""
        #expect(id.count == 36 && id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(h.events.names == ["huawei_coc.ticket_created", "huawei_coc.status_reached"])
    }

    // huawei-auth.md §8: X-Domain-Id / X-Project-Id are recorded on the ticket.
    @Test func ownerHeaders() throws {
        let h = COCHarness()
        var headers = signed
        headers.add("X-Domain-Id", "dom9")
        headers.add("X-Project-Id", "proj0123")
        let id =
            try h.client.post("/v1/change/tickets", json: Bodies.change, headers: headers).json["data"]?["id"]?.stringValue ?? ""
        let detail = try h.get("/v1/change/tickets/\(id)").json["data"]
        #expect(detail?["domain_id"] == "dom9")
        #expect(detail?["project_id"] == "proj0123")
        #expect(detail?["creator"] == "TESTAK0123456789ABCD")
    }

    // §7.1/§7.2: is_start_process picks draft or the first open state.
    @Test func draftOrStarted() throws {
        let h = COCHarness()
        let issue = try h.create("issues_mgmt", Bodies.issue)
        #expect(issue["ticket_id"]?.stringValue?.hasPrefix("PM") == true)
        #expect(issue["is_start_process"] == false)
        #expect(try h.status("issues_mgmt", issue["ticket_id"]!.stringValue!) == "DRAFT")
        let started = try h.create("issues_mgmt", Bodies.with(Bodies.issue, "is_start_process", nil))
        #expect(started["is_start_process"] == true)
        #expect(try h.status("issues_mgmt", started["id"]!.stringValue!) == "UNACCEPTED")
        let change = try h.create()
        #expect(try h.status("change", change["ticket_id"]!.stringValue!) == "phase_change_approve")
        let draft = try h.create("change", Bodies.with(Bodies.change, "is_start_process", false))
        #expect(try h.status("change", draft["ticket_id"]!.stringValue!) == "phase_change_draft")
        _ = try h.create("issues_mgmt", Bodies.vendorIssue)
    }

    // §6.2: show by ticket_id and by id, typed fields.
    @Test func showBothWays() throws {
        let h = COCHarness()
        let created = try h.create()
        for key in ["ticket_id", "id"] {
            let response = try h.get("/v1/change/tickets/\(created[key]!.stringValue!)")
            #expect(response.status == 200)
            let data = try #require(response.json["data"])
            #expect(data["ticket_id"] == created["ticket_id"])
            #expect(data["id"] == created["id"])
            #expect(data["change_type"] == "change_type_conventional")
            #expect(data["is_start_process"] == true)
            #expect(data["create_time"]?.intValue == 1_750_737_176_000)
            #expect(data["sub_tickets"]?.arrayValue?.count == 2)
            #expect(data["sub_tickets"]?[1]?["expected_start_time"] == 1_750_737_600_000)
            #expect(data["_form_info"]?["change_scheme"] == "change_scheme_guides")
            #expect(data["properties"]?["_form_info"] == data["_form_info"])
            #expect(data["enum_data_list"]?.arrayValue?.contains { $0["biz_id"] == "change_level_040" } == true)
        }
    }

    // §2.2: unknown ticket, unknown type, broken JSON, a non-object, the store unchanged.
    @Test func errors() throws {
        let h = COCHarness()
        expectUnknown(try h.get("/v1/change/tickets/CM000"))
        expectUnknown(try h.send("DELETE", "/v1/change/tickets/CM000"))
        expectInvalid(try h.post("/v1/incident/tickets", Bodies.change), "ticket_type incident is not supported")
        expectInvalid(try h.post("/v1/change/tickets", text: "{\"title\": "), "the body is not valid JSON")
        expectInvalid(try h.post("/v1/change/tickets", text: "[1]"), "the body must be a JSON object")
        expectInvalid(try h.post("/v1/change/tickets", text: ""), "the body is not valid JSON")
        let invalidUTF8 = try h.client.post(
            "/v1/change/tickets", body: Array("{\"title\": \"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8),
            headers: signed)
        expectInvalid(invalidUTF8, "the body is not valid JSON")
        expectInvalid(
            try h.post("/v1/change/tickets", Bodies.with(Bodies.change, "change_type", "x")),
            "change_type must be one of change_type_conventional, change_type_urgentu")
        expectInvalid(
            try h.post("/v1/issues_mgmt/tickets", Bodies.with(Bodies.issue, "fount_time", "0")),
            "fount_time must be an integer")
        expectInvalid(try h.post("/v1/issues_mgmt/tickets", [:]), "description is required")
        #expect(h.ticketCount == 0)
        #expect(h.events.names.isEmpty)
        let zh = try h.client.get(
            "/v1/change/tickets/CM000",
            headers: {
                var s = signed; s.add("X-Language", "zh-cn"); return s
            }())
        #expect(zh.json["error_msg"] == "工单不存在")
    }

    // huawei-auth.md §4: gateway errors in front of COC, nothing stored.
    @Test func gatewayErrors() throws {
        let h = COCHarness()
        let unsigned = try h.client.post("/v1/change/tickets", json: Bodies.change)
        #expect(unsigned.status == 401)
        #expect(unsigned.json["error_code"] == "APIGW.0301")
        let big = try h.client.send(Request(method: "POST", uri: "/v1/change/tickets", headers: signed, bodyTooLarge: true))
        #expect(big.status == 413)
        #expect(big.json["error_code"] == "APIGW.0201")
        #expect(big.json["error_msg"] == "Request entity too large.")
        let unknown = try h.send("PATCH", "/v1/change/tickets")
        #expect(unknown.status == 404)
        #expect(unknown.json["error_code"] == "APIGW.0101")
        #expect(try h.get("/v2/changes").json["error_code"] == "APIGW.0101")
        #expect(h.ticketCount == 0)
    }

    // §7.1 via /actions: accept → suspend → approve → resume → solve.
    @Test func issueActions() throws {
        let h = COCHarness()
        let id = try h.create("issues_mgmt", Bodies.with(Bodies.issue, "is_start_process", true))["ticket_id"]!.stringValue!
        #expect(try h.action("issues_mgmt", id, "gocm_issues_accepte").json["data"] == [:])
        let detail = try h.get("/v1/issues_mgmt/tickets/\(id)").json["data"]
        #expect(detail?["work_flow_status"] == "HANDLING")
        #expect(detail?["assignee"] == "user-id-1")
        expectInvalid(
            try h.action("issues_mgmt", id, "being_handled_initiate_suspend", ["suspend_description": "wait"]),
            "params.estimated_recovery_time is required")
        expectInvalid(
            try h.action(
                "issues_mgmt", id, "being_handled_initiate_suspend",
                ["estimated_recovery_time": "tomorrow", "suspend_description": "wait"]),
            "params.estimated_recovery_time must be an integer")
        #expect(
            try h.action(
                "issues_mgmt", id, "being_handled_initiate_suspend",
                ["estimated_recovery_time": 1_750_800_000_000, "suspend_description": "wait"]
            ).status == 200)
        #expect(try h.action("issues_mgmt", id, "agreed", ["conclusion": true]).status == 200)
        #expect(try h.status("issues_mgmt", id) == "SUSPENDED")
        expectInvalid(try h.action("issues_mgmt", id, "agreed", ["conclusion": "yes"]), "params.conclusion must be a boolean")
        #expect(try h.action("issues_mgmt", id, "suspend_resume").status == 200)
        #expect(try h.action("issues_mgmt", id, "ugrading_and_downgrading", ["level": "issues_level_1000"]).status == 200)
        #expect(try h.action("issues_mgmt", id, "gocm_issues_handling_forwarding", ["forwarding_assigne": "u2"]).status == 200)
        expectInvalid(
            try h.action("issues_mgmt", id, "submitting_question", ["solution": "s"]), "params.root_cause_comment is required")
        #expect(
            try h.action(
                "issues_mgmt", id, "submitting_question",
                ["solution": "s", "root_cause_comment": "c", "is_common_issue": true]
            ).status == 200)
        let solved = try h.get("/v1/issues_mgmt/tickets/\(id)").json["data"]
        #expect(solved?["work_flow_status"] == "SOLVED")
        #expect(solved?["assignee"] == "u2")
        #expect(solved?["level"] == "issues_level_1000")
        #expect(solved?["solution"] == "s")
        #expect(solved?["is_common_issue"] == true)
        expectInvalid(
            try h.action("issues_mgmt", id, "gocm_issues_undo_create", ["revocation_reason": "r"]),
            "action gocm_issues_undo_create is not allowed in status SOLVED")
        expectInvalid(try h.action("issues_mgmt", id, "fly"), "action fly is not supported")
        expectUnknown(try h.action("issues_mgmt", "PM000", "gocm_issues_accepte"))
        expectInvalid(try h.post("/v1/issues_mgmt/actions", ["action": "gocm_issues_accepte"]), "ticket_id is required")
        expectInvalid(
            try h.post("/v1/issues_mgmt/actions", ["ticket_id": .string(id), "action": "agreed", "params": "x"]),
            "params must be an object")
        let statuses = h.events.all.filter { $0.name == "huawei_coc.status_reached" }.map {
            $0.details["status"]?.stringValue ?? ""
        }
        #expect(statuses == ["UNACCEPTED", "HANDLING", "SUSPEND_APPROVING", "SUSPENDED", "HANDLING", "SOLVED"])
    }

    // §7.1: reject and undo paths, draft submit.
    @Test func issueRejectUndo() throws {
        let h = COCHarness()
        let draft = try h.create("issues_mgmt", Bodies.issue)["ticket_id"]!.stringValue!
        expectInvalid(
            try h.action("issues_mgmt", draft, "gocm_issues_accepte"), "action gocm_issues_accepte is not allowed in status DRAFT"
        )
        #expect(try h.action("issues_mgmt", draft, "submit").status == 200)
        expectInvalid(
            try h.action("issues_mgmt", draft, "gocm_issues_unaccepted_reject"),
            "params.unaccepted_rejection_description is required")
        #expect(
            try h.action("issues_mgmt", draft, "gocm_issues_unaccepted_reject", ["unaccepted_rejection_description": "no"]).status
                == 200)
        #expect(try h.status("issues_mgmt", draft) == "REJECTED")
        let other = try h.create("issues_mgmt", Bodies.with(Bodies.issue, "is_start_process", true))["ticket_id"]!.stringValue!
        #expect(try h.action("issues_mgmt", other, "gocm_issues_undo_create", ["revocation_reason": "dup"]).status == 200)
        #expect(try h.status("issues_mgmt", other) == "CANCELED")
        // A change ticket is not an issue: the issue path does not find it.
        let change = try h.create()["ticket_id"]!.stringValue!
        expectUnknown(try h.action("issues_mgmt", change, "gocm_issues_accepte"))
    }

    // §7.2: approve → PUT start/end/result → complete; cancel; delete only after cancel.
    @Test func changeFlow() throws {
        let h = COCHarness()
        let id = try h.create()["ticket_id"]!.stringValue!
        expectInvalid(try h.action("change", id, "rejected"), "params.comment is required")
        #expect(try h.action("change", id, "rejected", ["comment": "more detail"]).status == 200)
        #expect(try h.status("change", id) == "phase_change_apply")
        #expect(try h.action("change", id, "resubmit").status == 200)
        #expect(try h.action("change", id, "agreed", ["conclusion": true]).status == 200)
        #expect(try h.status("change", id) == "phase_change_implemente")
        let put = { (action: String, extra: JSON) throws -> TestResponse in
            var body: JSONObject = ["history_info": ["action": .string(action)]]
            for (key, value) in extra.objectValue ?? [:] { body[key] = value }
            return try h.send("PUT", "/v1/change/tickets/\(id)", .object(body))
        }
        expectInvalid(
            try put("change_end_change_success", [:]),
            "action change_end_change_success is not allowed in status phase_change_implemente")
        expectInvalid(try h.send("PUT", "/v1/change/tickets/\(id)", ["sub_tickets": []]), "history_info is required")
        expectInvalid(
            try put("change_started", [:]),
            "history_info.action must be one of " + ActionNames.changeUpdates.joined(separator: ", "))
        expectInvalid(
            try put("change_start_change_success", ["ticket_info": ["phase": "phase_change_end"]]),
            "ticket_info.phase phase_change_end does not match phase_change_implemente")
        #expect(try h.get("/v1/change/tickets/\(id)").json["data"]?["change_start_time"] == nil)
        #expect(try put("change_start_change_success", [:]).status == 200)
        #expect(try h.send("PUT", "/v2/changes/\(id)", ["history_info": ["action": "change_end_change_success"]]).status == 200)
        let sub = try h.get("/v1/change/tickets/\(id)").json["data"]?["sub_tickets"]?[0]?["id"]?.stringValue ?? ""
        expectInvalid(
            try put(
                "change_set_change_result_success", ["sub_tickets": [["ticket_id": .string(sub), "is_rollback_success": "no"]]]),
            "sub_tickets[0].is_rollback_success must be a boolean")
        #expect(
            try put(
                "change_set_change_result_success", ["sub_tickets": [["ticket_id": .string(sub), "change_result": "success"]]]
            ).status == 200)
        let ended = try h.get("/v1/change/tickets/\(id)").json["data"]
        #expect(ended?["phase"] == "phase_change_end")
        #expect(ended?["sub_tickets"]?[0]?["change_result"] == "success")
        expectInvalid(try h.send("DELETE", "/v1/change/tickets/\(id)"), "only a cancelled ticket can be deleted")
        #expect(try put("change_complete_success", [:]).status == 200)
        #expect(try h.status("change", id) == "phase_change_close")
        expectUnknown(try h.send("PUT", "/v2/changes/CM000", ["history_info": ["action": "change_start_change_success"]]))
    }

    @Test func cancelThenDelete() throws {
        let h = COCHarness()
        let id = try h.create()["ticket_id"]!.stringValue!
        let uuid = try h.create()["id"]!.stringValue!
        #expect(try h.action("change", id, "cancel_process_action", ["comment": "not needed"]).status == 200)
        #expect(
            try h.send("PUT", "/v1/change/tickets/\(uuid)", ["history_info": ["action": "change_cancel_change_success"]]).status
                == 200)
        #expect(try h.send("DELETE", "/v1/change/tickets/\(id)").json["error_code"] == "GOM.00000000")
        #expect(try h.send("DELETE", "/v1/change/tickets/\(uuid)").status == 200)
        expectUnknown(try h.get("/v1/change/tickets/\(id)"))
        expectUnknown(try h.get("/v1/change/tickets/\(uuid)"))
        #expect(h.ticketCount == 0)
    }
}
