@testable import BlueKingITSM
import MockCore
import Testing

/// `perform`, the admin views, the error catalog and seeds (the VendorEmulator surface).
@Suite struct AdminTests {
    let h = Harness()

    // Approve as the first processor without knowing field keys → FINISHED, callback sent.
    @Test func approveAction() throws {
        let sn = try h.create(Harness.builtinBody(processors: nil, callback: "http://127.0.0.1:9/cb"))
        let ticket = try h.emulator.perform(
            action: ["action": "approve", "by": "first_processor", "result": true], ticketId: sn, namespace: "default")
        #expect(ticket["current_status"] == "FINISHED")
        #expect(ticket["approve_result"] == true)
        #expect(ticket["nodes"]?[1]?["signs"]?[0]?["processor"] == "admin")
        #expect(h.outbound.requests.count == 1)
    }

    @Test func rejectAndTwoLevel() throws {
        let body: JSON = [
            "service_id": 1,
            "fields": [
                ["key": "title", "value": "t"], ["key": "apply_content", "value": "c"], ["key": "apply_reason", "value": "r"],
                ["key": "ZHIDINGSHENPIREN", "value": "lisi"],
            ],
        ]
        let first = try h.create(body)
        var ticket = try h.emulator.perform(action: ["action": "approve"], ticketId: first, namespace: "default")
        #expect(ticket["nodes"]?[2]?["state_id"] == 25)
        ticket = try h.emulator.perform(action: ["action": "approve", "by": "admin"], ticketId: "1", namespace: "default")
        #expect(ticket["current_status"] == "FINISHED")
        let second = try h.create(body)
        ticket = try h.emulator.perform(
            action: ["action": "reject", "by": "lisi", "remark": "no"], ticketId: second, namespace: "default")
        #expect(ticket["current_status"] == "FINISHED")
        #expect(ticket["approve_result"] == false)
    }

    @Test func actionErrors() throws {
        let sn = try h.create()
        #expect(throws: ActionError.self) {
            try h.emulator.perform(action: ["action": "approve"], ticketId: "REQ1", namespace: "default")
        }
        #expect {
            try h.emulator.perform(action: ["action": "fly"], ticketId: sn, namespace: "default")
        } throws: { ($0 as? ActionError)?.kind == .unknownAction }
        #expect {
            try h.emulator.perform(action: ["action": "approve", "by": "lisi"], ticketId: sn, namespace: "default")
        } throws: { ($0 as? ActionError)?.kind == .notAllowed }
        _ = try h.emulator.perform(action: ["action": "terminate"], ticketId: sn, namespace: "default")
        #expect(h.emulator.ticket(id: sn, namespace: "default")?["current_status"] == "TERMINATED")
    }

    @Test func transitionAndClaimOnSeededFlow() throws {
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
                                    "distribute_type": "CLAIM_THEN_PROCESS", "fields": [["key": "result", "type": "TEXT"]],
                                ],
                                ["id": 4, "type": "END"],
                            ]
                        ],
                    ]
                ]
            ]
        ])
        h.context.reset()
        let sn = try h.create(["service_id": 50, "fields": [["key": "title", "value": "t"]]])
        #expect(try h.status(sn)["data"]?["current_steps"]?[0]?["status"] == "RECEIVING")
        var ticket = try h.emulator.perform(action: ["action": "claim", "by": "b"], ticketId: sn, namespace: "default")
        #expect(ticket["nodes"]?[1]?["processors"] == "b")
        ticket = try h.emulator.perform(action: ["action": "transition"], ticketId: sn, namespace: "default")
        #expect(ticket["current_status"] == "FINISHED")
        #expect(ticket["fields"]?["result"] == "mock")
    }

    @Test func seedValidation() {
        #expect(
            h.emulator.validateSeed(["services": [["name": "x", "workflow": ["states": [["type": "START"], ["type": "END"]]]]]])
                .isEmpty)
        let errors = h.emulator.validateSeed(["services": [["workflow": ["states": [["type": "BOGUS"]]]]]])
        #expect(errors.contains { $0.path == ["services", "0", "name"] })
        #expect(errors.contains { $0.path == ["services", "0", "workflow", "states", "0", "type"] })
        #expect(!h.emulator.validateSeed(["apps": "x"]).isEmpty)
        let huge = h.emulator.validateSeed([
            "services": [["id": 99_999_999_999, "name": "x", "workflow": ["states": [["type": "START"], ["type": "END"]]]]]
        ])
        #expect(huge.first?.path == ["services", "0", "id"])
    }

    // Seeded apps pass --auth strict; built-ins stay.
    @Test func seededApps() throws {
        let strict = Harness(auth: .strict)
        strict.emulator.applySeeds([["apps": [["code": "my-app", "secret": "s3cret"]]]])
        strict.context.reset()
        let answer = try strict.client.get(
            "/api/c/compapi/v2/itsm/get_services/",
            headers: ["X-Bkapi-Authorization": #"{"bk_app_code": "my-app", "bk_app_secret": "s3cret", "bk_username": "u"}"#]
        ).json
        #expect(answer["result"] == true)
        #expect(answer["data"]?.arrayValue?.count == 3)
    }

    @Test func errorCatalogAndEvents() throws {
        let catalog = h.emulator.errorCatalog
        let response = catalog["bk_itsm.3900004"]!(Request(method: "GET", uri: "/api/c/compapi/v2/itsm/get_ticket_status/"))
        let body = try JSONParser.parse(response.body)
        #expect(body["code"] == 3900004)
        #expect(body["message"] == "单据操作失败")
        #expect(catalog["esb.1306429"] != nil)
        let seen = EventCollector()
        h.context.events.subscribe { seen.add($0.name) }
        let sn = try h.create()
        _ = try h.approve(sn)
        #expect(
            seen.names == [
                "bk_itsm.ticket_created", "bk_itsm.node_entered", "bk_itsm.status_reached", "bk_itsm.status_reached",
            ])
        #expect(h.emulator.tickets(namespace: "default").count == 1)
        #expect(h.emulator.tickets(namespace: "other").isEmpty)
    }
}

final class EventCollector: @unchecked Sendable {
    private var list: [String] = []
    func add(_ name: String) { list.append(name) }
    var names: [String] { list }
}

/// Namespaces are isolated partitions; reset empties them (STYLE habit 7).
@Suite struct NamespaceTests {
    @Test func disjointNamespaces() throws {
        let h = Harness()
        var a = Harness.auth
        a.add("X-Mock-Namespace", "A")
        var b = Harness.auth
        b.add("X-Mock-Namespace", "B")
        let inA = try h.client.post("\(Harness.esb)/create_ticket/", json: Harness.builtinBody(), headers: a).json
        #expect(inA["data"]?["sn"] == "REQ20240101000001")
        let inB = try h.client.post("\(Harness.esb)/create_ticket/", json: Harness.builtinBody(), headers: b).json
        #expect(inB["data"]?["sn"] == "REQ20240101000001")
        #expect(
            try h.client.post("\(Harness.esb)/create_ticket/", json: Harness.builtinBody(), headers: b).json["data"]?["id"] == 2)
        #expect(h.emulator.tickets(namespace: "A").count == 1)
        #expect(h.emulator.tickets(namespace: "B").count == 2)
        #expect(h.emulator.ticketCount(namespace: "A") == 1 && h.emulator.ticketCount(namespace: "B") == 2)  // for /_mock/metrics
        h.context.reset()
        #expect(h.emulator.tickets(namespace: "A").isEmpty)
        #expect(h.emulator.tickets(namespace: "B").isEmpty)
        #expect(h.emulator.ticketCount(namespace: "B") == 0)
    }
}
