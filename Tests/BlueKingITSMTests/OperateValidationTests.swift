@testable import BlueKingITSM
import MockCore
import Testing

/// operate_ticket, operate_node and approve over the in-process transport (bk-itsm.md §8, §9.4, §9.9).
@Suite struct OperateTests {
    let h = Harness()
    let prefix = "接口异常，请检查请求参数: "

    func operate(_ sn: String, _ action: String, operator user: String? = "admin", message: String? = "m") throws -> JSON {
        var body: JSONObject = ["sn": .string(sn), "action_type": .string(action)]
        if let user { body["operator"] = .string(user) }
        if let message { body["action_message"] = .string(message) }
        return try h.post("operate_ticket", .object(body))
    }

    func detail(_ text: String) -> String { prefix + "[ErrorDetail(string='\(text)', code='invalid')]" }

    // §8.3, §11.4: suspend → unsuspend; data is [].
    @Test func suspendAndResume() throws {
        let sn = try h.create()
        let suspended = try operate(sn, "SUSPEND")
        #expect(suspended["data"] == [])
        #expect(try h.status(sn)["data"]?["current_status"] == "SUSPENDED")
        #expect(try h.status(sn)["data"]?["operations"] == [Presenter.operation("WITHDRAW"), Presenter.operation("UNSUSPEND")])
        // §11.3: node operations do not change while suspended.
        #expect(try h.status(sn)["data"]?["current_steps"]?[0]?["operations"]?[1]?["key"] == "SUSPEND")
        #expect(try operate(sn, "UNSUSPEND")["result"] == true)
        #expect(try h.status(sn)["data"]?["current_status"] == "RUNNING")
        #expect(h.outbound.requests.isEmpty)
    }

    // §8.2: each error in order, store unchanged.
    @Test func operateTicketErrors() throws {
        let sn = try h.create(Harness.builtinBody(processors: "zhangsan"))
        let before = h.snapshot
        #expect(try operate("REQ20240101999999", "SUSPEND").code == 3900022)
        #expect(try h.post("operate_ticket", ["operator": "admin"]).message == "没有找到对应的单据")
        #expect(try operate(sn, "XX").message == "单据操作失败，不支持的操作类型: XX")
        #expect(
            try operate(sn, "SUSPEND", operator: nil).message == prefix
                + "{'operator': [ErrorDetail(string='该字段是必填项。', code='required')]}")
        #expect(try operate(sn, "UNSUSPEND").message == detail("抱歉，该单据不在挂起中，无法操作"))
        #expect(try operate(sn, "SUSPEND", operator: "lisi").message == detail("抱歉，lisi无权操作该单据"))
        #expect(try operate(sn, "WITHDRAW", operator: "lisi").message == detail("抱歉，你无权撤销单据，撤销单据的非当前单据的提单人, lisi!=admin"))
        #expect(try operate(sn, "SUSPEND", message: nil).message == prefix + "'action_message'")
        #expect(
            try operate(sn, "SUSPEND", message: String(repeating: "x", count: 256)).message
                == prefix + "{'action_message': [ErrorDetail(string='请确保这个字段不能超过 255 个字符。', code='max_length')]}")
        #expect(h.snapshot == before)
        // Over: closed / already ended.
        #expect(try operate(sn, "TERMINATE")["result"] == true)
        #expect(try operate(sn, "SUSPEND").message == detail("抱歉，单据已关闭，无法操作"))
        #expect(try operate(sn, "WITHDRAW").message == detail("抱歉，单据已经结束，无法撤销"))
    }

    // §11.4: WITHDRAW → REVOKED with the callback; TERMINATE → TERMINATED.
    @Test func withdrawAndTerminateCallBack() throws {
        let sn = try h.create(Harness.builtinBody(callback: "http://127.0.0.1:9/cb"))
        #expect(try operate(sn, "WITHDRAW")["result"] == true)
        #expect(try h.status(sn)["data"]?["current_status"] == "REVOKED")
        #expect(try h.status(sn)["data"]?["current_steps"] == [])
        #expect(try h.status(sn)["data"]?["operations"] == [])
        let payload = try JSONParser.parse(h.outbound.requests[0].body)
        #expect(payload["current_status"] == "REVOKED")
        #expect(payload["approve_result"] == false)
        let other = try h.create(Harness.builtinBody(callback: "http://127.0.0.1:9/cb"))
        #expect(try operate(other, "TERMINATE")["result"] == true)
        #expect(try JSONParser.parse(h.outbound.requests[1].body)["current_status"] == "TERMINATED")
    }

    // §12.2: the payload in the vendor's order, headers sent, token verifiable.
    @Test func callbackPayload() throws {
        var body = Harness.builtinBody(callback: "http://127.0.0.1:9/cb")
        if case .object(var object) = body, case .object(var meta)? = object["meta"] {
            meta["headers"] = ["X-Token": "abc"]
            object["meta"] = .object(meta)
            body = .object(object)
        }
        let sn = try h.create(body)
        #expect(h.outbound.requests.isEmpty)
        #expect(try h.approve(sn)["data"] == [])
        let sent = h.outbound.requests[0]
        #expect(sent.url == "http://127.0.0.1:9/cb")
        #expect(sent.headers["X-Token"] == "abc")
        let payload = try JSONParser.parse(sent.body)
        #expect(
            payload.objectValue?.keys == [
                "title", "current_status", "sn", "ticket_url", "update_at", "updated_by", "approve_result", "token",
                "last_approver",
            ])
        #expect(payload["ticket_url"] == "http://127.0.0.1:8080/o/bk_itsm/weixin/#/ticket/1/")
        #expect(payload["updated_by"] == ",admin,zhangsan,")
        #expect(payload["update_at"] == "2024-01-01 12:00:00")
        #expect(payload["approve_result"] == true)
        #expect(payload["last_approver"] == "zhangsan")
        // json.dumps defaults: ", " / ": " separators and ASCII escapes.
        let text = String(decoding: sent.body, as: UTF8.self)
        #expect(
            text.hasPrefix(
                #"{"title": "\u6d4b\u8bd5\u5185\u7f6e\u5ba1\u6279", "current_status": "FINISHED", "sn": "REQ20240101000001", "#))
        let token = payload["token"]?.stringValue ?? ""
        #expect(try h.post("token/verify", ["token": .string(token)])["data"] == ["is_passed": true])
    }

    // §12.2, §9.5, §9.7: a failed callback lists the sn until ticket_approval_result takes it off.
    @Test func failedCallbacks() throws {
        let failing = Harness { _ in OutboundResult(status: 200, body: Array(#"{"code": 1}"#.utf8), error: nil) }
        let sn = try failing.create(Harness.builtinBody(callback: "http://127.0.0.1:9/cb"))
        _ = try failing.approve(sn)
        #expect(try failing.get("callback_failed_ticket")["data"] == [.string(sn)])
        let result = try failing.post("ticket_approval_result", ["sn": [.string(sn)]])
        #expect(result["data"]?[0]?["approve_result"] == true)
        #expect(result["data"]?[0]?["current_status"] == "FINISHED")
        #expect(result["data"]?[0]?["updated_by"] == "admin,zhangsan")
        #expect(try failing.get("callback_failed_ticket")["data"] == [])
    }

    // §9.4: rejection ends FINISHED with approve_result false; the rejection remark is required.
    @Test func rejection() throws {
        let sn = try h.create(Harness.builtinBody(callback: "http://127.0.0.1:9/cb"))
        let before = h.snapshot
        #expect(try h.approve(sn, result: "false").message == "参数验证失败: 【备注】为必填项")
        #expect(
            try h.approve(sn, result: "maybe").message
                == prefix + "{'fields': [ErrorDetail(string='【审批意见】选项不匹配，请重新选择', code='invalid')]}")
        #expect(h.snapshot == before)
        #expect(try h.approve(sn, result: "false", remark: "不行")["result"] == true)
        #expect(try h.status(sn)["data"]?["current_status"] == "FINISHED")
        #expect(try JSONParser.parse(h.outbound.requests[0].body)["approve_result"] == false)
        let logs = try h.get("get_ticket_logs", "sn=\(sn)")["data"]?["logs"]?.arrayValue?.compactMap {
            $0["message"]?.stringValue
        }
        #expect(logs == ["流程开始.", "admin 处理【提单】", "zhangsan 已处理【内置审批节点】(拒绝)", "流程结束."])
    }

    func node(_ sn: String, _ fields: JSONObject) throws -> JSON {
        var body: JSONObject = ["sn": .string(sn), "operator": "zhangsan", "state_id": 407, "action_type": "TRANSITION"]
        for (key, value) in fields { body[key] = value }
        return try h.post("operate_node", .object(body))
    }

    // §9.4 step 2–5: node errors in order.
    @Test func operateNodeErrors() throws {
        let sn = try h.create()
        let before = h.snapshot
        #expect(try node("REQ20240101000009", [:]).code == 3900022)
        #expect(try node(sn, ["state_id": 999]).message == detail("抱歉，没有找到该节点：999"))
        #expect(try node(sn, ["state_id": 406]).message == detail("抱歉，当前节点：406 已经结束"))
        #expect(try node(sn, ["operator": "lisi"]).message == detail("抱歉，lisi不能操作该节点（没有权限或操作类型不支持）"))
        #expect(
            try node(sn, ["fields": []]).message
                == "参数验证失败: 单据处理失败，缺少参数：['d5a9073de22acdb23c17563838604c41', 'f4541bddfb28b1c65f8241baee64e4db']")
        #expect(try node(sn, [:]).message == prefix + "{'fields': [ErrorDetail(string='该字段是必填项。', code='required')]}")
        #expect(
            try node(sn, ["action_type": "CLAIM"]).message
                == prefix
                + "{'processors': [ErrorDetail(string='该字段是必填项。', code='required')], 'processors_type': [ErrorDetail(string='该字段是必填项。', code='required')]}"
        )
        #expect(
            try node(sn, ["action_type": "CLAIM", "processors": "", "processors_type": "PERSON"]).message
                == "参数验证失败: 当前节点无法进行【分派/认领】操作")
        #expect(
            try node(sn, ["action_type": "DELIVER", "processors": "x", "processors_type": "PERSON"]).message
                == "参数验证失败: 指定流程节点【内置审批节点】不支持转单操作.")
        #expect(try node(sn, ["action_type": "TERMINATE"]).message == detail("指定流程节点【内置审批节点】不支持终止操作."))
        #expect(h.snapshot == before)
        // The same approver cannot submit twice (and-sign) — here the or-sign finished the ticket.
        #expect(try h.approve(sn)["result"] == true)
        #expect(try h.approve(sn).message == detail("抱歉，单据已关闭，无法操作"))
    }

    // §9.9: the gateway approve and proceed_approval.
    @Test func gatewayApprove() throws {
        let sn = try h.create(Harness.builtinBody(processors: nil))
        let gateway = "/api/bk-itsm/prod/v2/itsm"
        func approve(_ body: JSON) throws -> JSON {
            try h.client.post("\(gateway)/approve/", json: body, headers: Harness.auth).json
        }
        #expect(
            try approve(["sn": .string(sn), "state_id": 407, "approver": "lisi", "action": "true"]).message
                == "单据操作失败: 单据审批失败，lisi不是当前节点的审批人，无法审批")
        #expect(
            try approve(["sn": .string(sn), "state_id": 406, "approver": "admin", "action": "true"]).message
                == "单据操作失败: 单据审批失败，目标节点提单不是审批节点")
        #expect(
            try h.client.get("\(gateway)/get_approver/?sn=\(sn)&state_id=407", headers: Harness.auth).json["data"] == [
                "approver": "admin,zhangsan"
            ])
        #expect(
            try approve(["sn": .string(sn), "state_id": 407, "approver": "admin", "action": "true", "remark": "ok"])["result"]
                == true)
        let result = try h.client.get("\(gateway)/get_approve_node_result/?sn=\(sn)&state_id=407", headers: Harness.auth).json
        #expect(result["data"] == ["name": "内置审批节点", "processed_user": "admin", "approve_result": true, "approve_remark": "ok"])
        let other = try h.create(Harness.builtinBody(processors: nil))
        let proceed = try h.client.post(
            "\(gateway)/proceed_approval/",
            json: [
                "process_inst_id": .string(other), "activity": 407, "handler": "zhangsan", "submit_action": "false",
                "submit_opinion": "no",
            ],
            headers: Harness.auth
        ).json
        #expect(proceed["result"] == true)
        #expect(try h.get("ticket_approval_result", "").code == 0)
        _ = try operate(other, "SUSPEND")
        #expect(
            try approve(["sn": .string(other), "state_id": 407, "approver": "admin", "action": "true"]).message
                == "单据操作失败: 单据审批失败，单据当前状态非RUNNING")
    }
}
