@testable import BlueKingITSM
import MockCore
import Testing

/// get_ticket_status answers are reused while the ticket reads the same (`StatusSource`): after
/// every kind of change the answer must equal a fresh render, never the cached one.
@Suite struct StatusCacheTests {
    let h = Harness()

    /// The status `data` written afresh from the ticket as it is now, bypassing the cache.
    func fresh(_ sn: String, _ harness: Harness? = nil) throws -> JSON {
        let backend = (harness ?? h).emulator.backend
        let read = backend.partition("default").data.withLock { data in
            data.ticket(sn: sn).map { index in
                let ticket = data.tickets[index]
                return (StatusSource(ticket, catalogueVersion: data.catalogueVersion), data.workflow(of: ticket))
            }
        }
        let (source, workflow) = try #require(read)
        var out = JSONStream()
        backend.presenter.writeStatus(source, workflow: workflow, into: &out)
        return try JSONParser.parse(out.bytes)
    }

    /// Asks for the status (so a rendering is cached), changes the ticket and asks again: the
    /// answer must show the change and equal a fresh render.
    func expectFresh(_ sn: String, _ label: String, after change: () throws -> Void) throws {
        let before = try h.status(sn)["data"]
        #expect(try h.status(sn)["data"] == before, "a repeated read answers the same: \(label)")
        try change()
        let after = try h.status(sn)["data"]
        #expect(after != before, "the change shows: \(label)")
        #expect(after == (try fresh(sn)), "a fresh render: \(label)")
    }

    func operate(_ sn: String, _ action: String) throws {
        let body: JSON = ["sn": .string(sn), "action_type": .string(action), "operator": "admin", "action_message": "m"]
        try ok(h.post("operate_ticket", body))
    }

    func node(_ sn: String, _ fields: JSONObject) throws {
        var body: JSONObject = ["sn": .string(sn), "state_id": 3, "action_message": "m", "processors_type": "PERSON"]
        for (key, value) in fields { body[key] = value }
        try ok(h.post("operate_node", .object(body)))
    }

    func ok(_ answer: JSON) { #expect(answer["result"] == true, "\(answer.jsonString)") }

    /// A claim-then-process node that can be delivered and terminated, then a distribute node.
    func seedFlow() {
        h.emulator.applySeeds([
            [
                "services": [
                    [
                        "id": 50, "name": "处理服务",
                        "workflow": [
                            "states": [
                                ["id": 1, "type": "START"],
                                ["id": 2, "type": "NORMAL", "name": "提单", "fields": [["key": "title"]]],
                                [
                                    "id": 3, "type": "NORMAL", "name": "处理", "processors_type": "PERSON", "processors": "a,b",
                                    "distribute_type": "CLAIM_THEN_PROCESS", "can_deliver": true, "is_terminable": true,
                                    "fields": [["key": "result", "type": "TEXT"]],
                                ],
                                [
                                    "id": 4, "type": "NORMAL", "name": "分派", "processors_type": "PERSON", "processors": "d",
                                    "distribute_type": "DISTRIBUTE_THEN_PROCESS",
                                ],
                                ["id": 5, "type": "END"],
                            ]
                        ],
                    ]
                ]
            ]
        ])
        h.context.reset()
    }

    @Test func ticketOperations() throws {
        let sn = try h.create()
        try expectFresh(sn, "SUSPEND") { try operate(sn, "SUSPEND") }
        try expectFresh(sn, "UNSUSPEND") { try operate(sn, "UNSUSPEND") }
        try expectFresh(sn, "WITHDRAW") { try operate(sn, "WITHDRAW") }
        let other = try h.create()
        try expectFresh(other, "TERMINATE") { try operate(other, "TERMINATE") }
    }

    @Test func approvalsAndComment() throws {
        let sn = try h.create(Harness.builtinBody(callback: "http://127.0.0.1:9/cb"))
        try expectFresh(sn, "approve") { try ok(h.approve(sn)) }
        #expect(h.outbound.requests.count == 1)
        try expectFresh(sn, "comment") {
            try ok(h.post("comment_ticket", ["sn": .string(sn), "operator": "admin", "stars": 5]))
        }
        let rejected = try h.create()
        try expectFresh(rejected, "reject") { try ok(h.approve(rejected, result: "false", remark: "no")) }
    }

    @Test func nodeOperations() throws {
        seedFlow()
        let sn = try h.create(["service_id": 50, "fields": [["key": "title", "value": "t"]]])
        try expectFresh(sn, "CLAIM") { try node(sn, ["operator": "b", "action_type": "CLAIM", "processors": "b"]) }
        try expectFresh(sn, "DELIVER") { try node(sn, ["operator": "b", "action_type": "DELIVER", "processors": "c"]) }
        try expectFresh(sn, "TRANSITION") {
            try node(sn, ["operator": "c", "action_type": "TRANSITION", "fields": [["key": "result", "value": "x"]]])
        }
        try expectFresh(sn, "DISTRIBUTE") {
            try node(sn, ["state_id": 4, "operator": "d", "action_type": "DISTRIBUTE", "processors": "e"])
        }
        let other = try h.create(["service_id": 50, "fields": [["key": "title", "value": "t"]]])
        try node(other, ["operator": "a", "action_type": "CLAIM", "processors": "a"])
        try expectFresh(other, "node TERMINATE") { try node(other, ["operator": "a", "action_type": "TERMINATE"]) }
    }

    @Test(arguments: ["approve", "reject", "suspend", "withdraw", "terminate"])
    func adminActions(action: String) throws {
        let sn = try h.create()
        try expectFresh(sn, action) {
            let by: JSON = action == "withdraw" || action == "suspend" ? "admin" : "zhangsan"
            let request: JSON = ["action": .string(action), "by": by, "remark": "r"]
            _ = try h.emulator.perform(action: request, ticketId: sn, namespace: "default")
        }
        if action == "suspend" {
            try expectFresh(sn, "unsuspend") {
                _ = try h.emulator.perform(action: ["action": "unsuspend", "by": "admin"], ticketId: sn, namespace: "default")
            }
        }
    }

    @Test func seededAdminActions() throws {
        seedFlow()
        let sn = try h.create(["service_id": 50, "fields": [["key": "title", "value": "t"]]])
        try expectFresh(sn, "claim") {
            _ = try h.emulator.perform(action: ["action": "claim", "by": "b"], ticketId: sn, namespace: "default")
        }
        try expectFresh(sn, "transition") {
            _ = try h.emulator.perform(action: ["action": "transition"], ticketId: sn, namespace: "default")
        }
    }

    // A reset drops the partition with its renderings: the same sn and id answer for the new ticket.
    @Test func reset() throws {
        let sn = try h.create(Harness.builtinBody(processors: "zhangsan"))
        try expectFresh(sn, "reset") {
            h.context.reset()
            let again = try h.create(Harness.builtinBody(processors: "lisi"))
            #expect(again == sn)
        }
    }

    // A workflow change (every catalogue change bumps the version) is a new state of the answer.
    @Test func workflowChange() throws {
        let sn = try h.create()
        try expectFresh(sn, "workflow renamed") {
            h.emulator.backend.partition("default").data.withLock { data in
                data.transformWorkflows { workflow in
                    var renamed = workflow
                    for index in renamed.states.indices { renamed.states[index].name += "（改）" }
                    return renamed
                }
            }
        }
    }

    // Distinct tickets keep distinct renderings.
    @Test func ticketsApart() throws {
        let first = try h.create(Harness.builtinBody(processors: "zhangsan"))
        let second = try h.create(Harness.builtinBody(processors: "lisi"))
        for _ in 0..<2 {
            #expect(try h.status(first)["data"] == (try fresh(first)))
            #expect(try h.status(second)["data"] == (try fresh(second)))
        }
        #expect(try h.status(first)["data"] != (try h.status(second)["data"]))
    }
}
