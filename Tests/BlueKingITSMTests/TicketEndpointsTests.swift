@testable import BlueKingITSM
import MockCore
import Testing

/// Read endpoints, services and catalogs over the in-process transport (bk-itsm.md §7, §9, §10).
@Suite struct QueryTests {
    let h = Harness()

    // §7.1: unknown, missing sn → 3900022 on every read.
    @Test(arguments: ["get_ticket_status", "get_ticket_info", "get_ticket_logs"])
    func unknownSN(name: String) throws {
        let answer = try h.get(name, "sn=nope")
        #expect(answer.code == 3900022)
        #expect(answer.message == "没有找到对应的单据")
        #expect(try h.get(name).code == 3900022)
    }

    // §7.2: the documented example shape.
    @Test func statusExample() throws {
        let sn = try h.create()
        let data = try h.status(sn)["data"]
        #expect(
            data?.objectValue?.keys == [
                "ticket_url", "iframe_ticket_url", "operations", "current_status", "current_steps", "is_commented",
            ])
        #expect(data?["iframe_ticket_url"] == "http://127.0.0.1:8080/o/bk_itsm/#/ticket/detail-iframe?id=1")
        let step = data?["current_steps"]?[0]
        #expect(step?["processors"] == "zhangsan")
        #expect(
            step?["fields"]?[0]?.objectValue?.keys == [
                "id", "key", "type", "name", "desc", "choice", "validate_type", "regex", "custom_regex", "meta", "source_type",
                "source_uri", "api_instance_id", "is_readonly", "state_id", "workflow_id",
            ])
    }

    // §9.2: complex logs carry form_data and from_state_type.
    @Test func complexLogs() throws {
        let sn = try h.create()
        let log = try h.get("get_ticket_logs", "sn=\(sn)&show_type=complex")["data"]?["logs"]?[1]
        #expect(log?["from_state_type"] == "NORMAL")
        #expect(log?["form_data"]?.arrayValue?.count == 3)
    }

    // §9.3: filters, paging, invalid page.
    @Test func ticketsPaging() throws {
        for _ in 0..<3 { _ = try h.create() }
        let page = try h.post("get_tickets", ["page": 2, "page_size": 2])["data"]
        #expect(page?["count"] == 3)
        #expect(page?["total_page"] == 2)
        #expect(page?["items"]?.arrayValue?.count == 1)
        #expect(page?["next"] == .null)
        #expect(try h.post("get_tickets", ["sns": ["REQ20240101000002"]])["data"]?["items"]?[0]?["sn"] == "REQ20240101000002")
        #expect(try h.post("get_tickets", ["current_status__in": ["FINISHED"]])["data"]?["count"] == 0)
        #expect(try h.post("get_tickets", ["username": "zhangsan"])["data"]?["count"] == 3)
        let invalid = try h.post("get_tickets", ["page": 9])
        #expect(invalid.code == "SERVER_500_ERROR")
        #expect(invalid.message == "Invalid page.")
    }

    // §9.8: comment only FINISHED tickets, once.
    @Test func comment() throws {
        let sn = try h.create()
        #expect(
            try h.post("comment_ticket", ["sn": .string(sn), "operator": "admin", "stars": 5, "comments": "好"]).message
                == "参数验证失败: 单据未结束，不允许评价!")
        _ = try h.approve(sn)
        #expect(
            try h.post("comment_ticket", ["sn": .string(sn), "operator": "admin", "stars": 5, "comments": "好"])["data"] == [])
        #expect(try h.status(sn)["data"]?["is_commented"] == true)
        // DRF IntegerField messages (zh-hans, [inferred] from DRF's catalogue).
        #expect(
            try h.post("comment_ticket", ["sn": .string(sn), "stars": 7]).message
                == "接口异常，请检查请求参数: {'stars': [ErrorDetail(string='请确保该值小于或者等于 6。', code='max_value')]}")
        #expect(
            try h.post("comment_ticket", ["sn": .string(sn), "stars": "x"]).message
                == "接口异常，请检查请求参数: {'stars': [ErrorDetail(string='请填写合法的整数值。', code='invalid')]}")
        #expect(
            try h.post("comment_ticket", ["sn": .string(sn), "operator": "admin", "stars": 5]).message
                == "参数验证失败: 单据已评价，不允许重复评价!")
    }

    // §10: services include the INVISIBLE built-in; detail, roles, workflow and their errors.
    @Test func services() throws {
        let services = try h.get("get_services")["data"]?.arrayValue?.compactMap { $0["id"]?.intValue }
        #expect(services == [1, 2, 17])
        let detail = try h.get("get_service_detail", "service_id=17")["data"]
        #expect(detail?["workflow_id"] == 17)
        #expect(
            detail?["fields"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == ["title", "APPROVER", "APPROVAL_CONTENT"])
        #expect(try h.get("get_service_detail", "service_id=99").code == 3900404)
        #expect(try h.get("get_service_detail", "service_id=99").message == "查找对象不存在")
        #expect(
            try h.get("get_service_detail", "service_id=abc").message
                == "接口异常，请检查请求参数: Field 'id' expected a number but got 'abc'.")
        #expect(try h.get("get_service_roles", "service_id=99").code == 3900042)
        #expect(try h.get("get_service_roles", "service_id=2")["data"]?.arrayValue?.count == 2)
        #expect(try h.get("get_service_roles", "service_id=2&all=1")["data"]?.arrayValue?.count == 3)
        #expect(try h.get("get_workflow_detail", "workflow_id=5")["data"]?["transitions"]?.arrayValue?.count == 5)
        #expect(try h.get("get_workflow_detail", "workflow_id=55").code == 3900404)
    }

    // §10: catalogs tree and create_service_catalog.
    @Test func catalogs() throws {
        let created = try h.post("create_service_catalog", ["parent__id": 1, "name": "新目录", "desc": ""])
        #expect(created["result"] == true)
        let tree = try h.get("get_service_catalogs")["data"]?[0]
        #expect(tree?["key"] == "root")
        #expect(tree?["children"]?.arrayValue?.count == 3)
        #expect(
            try h.post("create_service_catalog", ["parent__id": 1]).message
                == "接口异常，请检查请求参数: {'name': [ErrorDetail(string='该字段是必填项。', code='required')]}")
    }

    // §10 [mock]: import_service stores a service that create_ticket can use; update replaces it.
    @Test func importService() throws {
        let service: JSON = [
            "name": "导入服务", "service_type": "change",
            "workflow": [
                "states": [
                    ["id": 1, "type": "START"], ["id": 2, "type": "NORMAL", "name": "提单", "fields": [["key": "title"]]],
                    ["id": 3, "type": "APPROVAL", "name": "审批", "processors": "admin"], ["id": 4, "type": "END"],
                ]
            ],
        ]
        let imported = try h.post("import_service", service)
        let id = imported["data"]?["id"] ?? .null
        #expect(imported["result"] == true)
        let sn = try h.create(["service_id": id, "fields": [["key": "title", "value": "t"]]])
        #expect(sn.hasPrefix("CRQ"))
        #expect(try h.post("update_service", ["id": 9999, "name": "x"]).code == 3900042)
    }
}
