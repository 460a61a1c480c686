@testable import BlueKingITSM
import MockCore
import Testing

/// create_ticket over the in-process transport (bk-itsm.md §6).
@Suite struct CreateTicketTests {
    let h = Harness()

    // §6.3, §13: sn, id and ticket_url formats; the daily counter.
    @Test func creates() throws {
        let answer = try h.post("create_ticket", Harness.builtinBody())
        #expect(answer["result"] == true)
        #expect(
            answer["data"] == [
                "sn": "REQ20240101000001", "id": 1, "ticket_url": "http://127.0.0.1:8080/o/bk_itsm/#/ticket/detail?id=1",
            ])
        #expect(try h.create() == "REQ20240101000002")
        h.context.clock.advance(by: .seconds(86_400))
        #expect(try h.create() == "REQ20240102000001")
    }

    // §11.9: fast_approval forces the built-in service.
    @Test func fastApproval() throws {
        var body = Harness.builtinBody()
        if case .object(var object) = body { object["service_id"] = 999; object["fast_approval"] = true; body = .object(object) }
        #expect(try h.post("create_ticket", body)["result"] == true)
    }

    // §11.8: state_processors keyed by state id; two spellings of one id keep the later, as the
    // vendor's dict of int keys does.
    @Test func stateProcessorsByStateId() throws {
        let workflow = Builtins.builtinApproval
        let service = try #require(Builtins.services.first { $0.id == Builtins.builtinServiceId })
        let meta: JSON = ["state_processors": ["407": "lisi", "0407": "wangwu", "406": "zhaoliu"]]
        let processors = try CreateTicketValidation.metaCheck(meta, service: service, workflow: workflow).stateProcessors
        #expect(processors == [StateProcessor(stateId: 407, users: "wangwu"), StateProcessor(stateId: 406, users: "zhaoliu")])
    }

    // §16.2: the general flow for services 1 and 2.
    @Test func generalFlow() throws {
        let body: JSON = [
            "service_id": 2,
            "fields": [
                ["key": "title", "value": "t"], ["key": "apply_content", "value": "c"], ["key": "apply_reason", "value": "r"],
                ["key": "ZHIDINGSHENPIREN", "value": "lisi"],
            ],
        ]
        let sn = try h.create(body)
        let status = try h.status(sn)
        #expect(status["data"]?["current_steps"]?[0]?["state_id"] == 24)
        #expect(status["data"]?["current_steps"]?[0]?["operations"]?[2]?["key"] == "DELIVER")
    }

    func expectError(_ body: JSON, code: JSON, message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = h.snapshot
        let answer = try h.post("create_ticket", body)
        #expect(answer["result"] == false, sourceLocation: sourceLocation)
        #expect(answer.code == code, sourceLocation: sourceLocation)
        #expect(answer.message == message, sourceLocation: sourceLocation)
        #expect(answer["data"] == .null, sourceLocation: sourceLocation)
        #expect(h.snapshot == before, sourceLocation: sourceLocation)
    }

    func body(_ change: (inout JSONObject) -> Void) -> JSON {
        guard case .object(var object) = Harness.builtinBody() else { return .null }
        change(&object)
        return .object(object)
    }

    // §6.2 steps 1–7, each error with the store unchanged.
    @Test func errors() throws {
        let prefix = "接口异常，请检查请求参数: "
        try expectError(
            body { $0["service_id"] = 999 }, code: 3900004,
            message: prefix + "{'服务': ErrorDetail(string='服务不存在，请联系管理员！', code='invalid')}")
        try expectError(
            body { $0["service_id"] = nil }, code: 3900004,
            message: prefix + "{'服务': ErrorDetail(string='服务不存在，请联系管理员！', code='invalid')}")
        try expectError(
            body { $0["service_id"] = "abc" }, code: 3900004,
            message: prefix + "Field 'id' expected a number but got 'abc'.")
        try expectError(
            body { $0["meta"] = ["state_processors": ["999": "x"]] }, code: 3900004,
            message: prefix + "{'state_processors': ErrorDetail(string='服务:内置审批服务, 节点(999)不存在', code='invalid')}")
        try expectError(
            body { $0["meta"] = ["state_processors": ["407": ""]] }, code: 3900004,
            message: prefix + "{'state_processors': ErrorDetail(string='服务:内置审批服务, 节点(内置审批节点)对应的审批人不允许为空', code='invalid')}")
        try expectError(body { $0["meta"] = [1, 2] }, code: 3900004, message: prefix + "'list' object has no attribute 'get'")
        try expectError(
            body { $0["creator"] = "" }, code: 3900004,
            message: prefix + "{'creator': [ErrorDetail(string='该字段不能为空。', code='blank')]}")
        try expectError(body { $0["fields"] = nil }, code: 3900004, message: prefix + "'title'")
        try expectError(body { $0["fields"] = [["key": "APPROVER", "value": "a"]] }, code: 3900004, message: prefix + "'title'")
        try expectError(body { $0["fields"] = [["key": "title"]] }, code: 3900004, message: prefix + "'value'")
        try expectError(
            body { $0["fields"] = ["title": "x"] }, code: 3900004, message: prefix + "string indices must be integers")
        try expectError(
            body { $0["fields"] = [["key": "title", "value": "t"]] }, code: 3900003,
            message: "提单失败: 单据创建失败，缺少参数：['APPROVER', 'APPROVAL_CONTENT']")
        try expectError(
            body {
                $0["fields"] = [
                    ["key": "title", "value": "t"], ["key": "APPROVER", "value": "a"], ["key": "APPROVAL_CONTENT", "value": "c"],
                    ["key": "X", "value": "1"],
                ]
            },
            code: 3900003, message: "提单失败: 【X】字段不存在，请联系管理员")
        try expectError(
            body {
                $0["fields"] = [
                    ["key": "title", "value": .string(String(repeating: "长", count: 129))], ["key": "APPROVER", "value": "a"],
                    ["key": "APPROVAL_CONTENT", "value": "c"],
                ]
            },
            code: 3900003, message: "提单失败: 标题不能超过120个字符")
        try expectError(
            body {
                $0["fields"] = [
                    ["key": "title", "value": "t"], ["key": "APPROVER", "value": ""], ["key": "APPROVAL_CONTENT", "value": "c"],
                ]
            },
            code: 3900003, message: "提单失败: 【审批人】为必填项")
    }

    // §4.4, bad input: a body that is not an object, and broken JSON.
    @Test func badBodies() throws {
        try expectError([1, 2], code: 3900004, message: "接口异常，请检查请求参数: 'list' object has no attribute 'get'")
        let before = h.snapshot
        let broken = try h.client.post("\(Harness.esb)/create_ticket/", text: "{\"service_id\": ", headers: Harness.auth).json
        #expect(broken.code == 3900004)
        #expect(broken.message?.hasPrefix("接口异常，请检查请求参数: JSON parse error - Expecting value") == true)
        #expect(h.snapshot == before)
    }

    // §6.2 step 7: a choice outside its options (a seeded service with a SELECT field).
    @Test func choiceOutsideOptions() throws {
        h.emulator.applySeeds([
            [
                "services": [
                    [
                        "id": 40, "name": "选项服务",
                        "workflow": [
                            "states": [
                                ["id": 1, "type": "START"],
                                [
                                    "id": 2, "type": "NORMAL", "name": "提单",
                                    "fields": [
                                        ["key": "title", "type": "STRING"],
                                        [
                                            "key": "level", "type": "SELECT", "name": "级别",
                                            "choices": [["key": "L1", "name": "一级"]],
                                        ],
                                    ],
                                ],
                                ["id": 3, "type": "END"],
                            ]
                        ],
                    ]
                ]
            ]
        ])
        h.context.reset()
        try expectError(
            ["service_id": 40, "fields": [["key": "title", "value": "t"], ["key": "level", "value": "L9"]]],
            code: 3900003, message: "提单失败: 【级别】选项不匹配，请重新选择")
        #expect(
            try h.post(
                "create_ticket",
                ["service_id": 40, "fields": [["key": "title", "value": "t"], ["key": "level", "value": "L1"]]])["result"] == true
        )
    }
}

/// Wrong types, each with the Python exception text the real server embeds (bk-itsm.md §4.4).
@Suite struct WrongTypeTests {
    let h = Harness()
    let prefix = "接口异常，请检查请求参数: "

    @Test func wrongTypes() throws {
        func create(_ fields: JSON) throws -> String? {
            var body = Harness.builtinBody()
            if case .object(var object) = body { object["fields"] = fields; body = .object(object) }
            return try h.post("create_ticket", body).message
        }
        #expect(try create([[1, 2]]) == prefix + "list indices must be integers or slices, not str")
        #expect(try create([5]) == prefix + "'int' object is not subscriptable")
        #expect(try create(5) == prefix + "'int' object is not iterable")
        #expect(try create("title") == prefix + "string indices must be integers")
        #expect(
            try h.post("create_ticket", ["service_id": [17], "fields": []]).message
                == prefix + "Field 'id' expected a number but got [17].")
        #expect(try h.post("operate_ticket", ["a", "b"]).message == prefix + "'list' object has no attribute 'get'")
        let unwrapped = try h.post("get_tickets", [1])
        #expect(unwrapped.code == "SERVER_500_ERROR")
        #expect(h.snapshot == "[]")
    }

    // §6.2 step 7: the title length counts code points (129 CJK characters fail, 128 pass).
    @Test func titleLengthInCodePoints() throws {
        func create(_ title: String) throws -> JSON {
            try h.post(
                "create_ticket",
                [
                    "service_id": 17,
                    "fields": [
                        ["key": "title", "value": .string(title)], ["key": "APPROVER", "value": "a"],
                        ["key": "APPROVAL_CONTENT", "value": "c"],
                    ],
                ])
        }
        #expect(try create(String(repeating: "长", count: 128))["result"] == true)
        #expect(try create(String(repeating: "长", count: 129)).code == 3900003)
    }

    // §12.2: `update_at` is Python's str(datetime), microseconds only when non-zero.
    @Test func pythonTime() {
        let base = Timestamp(iso8601: "2024-01-01T12:00:00+08:00")!.milliseconds
        #expect(Presenter.pythonTime(base) == "2024-01-01 12:00:00")
        #expect(Presenter.pythonTime(base + 123) == "2024-01-01 12:00:00.123000")
    }
}

/// Blank values (bk-itsm.md §6.2 step 7, §8.2): the ASCII shortcut agrees with `trimmingSpaces`.
@Suite struct BlankTests {
    @Test(arguments: ["", " ", "\t\n ", "\u{3000}", "\u{A0} ", "a", " a ", "审批", " \u{3000}x", "\u{200B}"])
    func isBlank(text: String) {
        #expect(Params.isBlank(text) == text.trimmingSpaces().isEmpty)
    }
}
