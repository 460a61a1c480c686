import Admin
import Logging
import MockCore
import Testing
import TestSupport

/// A vendor with one ticket per namespace, to exercise the admin routes.
struct StubVendor: VendorEmulator {
    let name = "stub"
    let context: EmulatorContext
    final class State: PartitionState {}
    func register(into router: inout Router) {
        router.add("POST", "/stub/tickets", api: "stub.create") { request in
            _ = context.store.partition(vendor: name, namespace: request.namespace) { State() }
            return .json(["created": true])
        }
    }
    func tickets(namespace: String) -> [JSON] {
        context.store.existingPartitions(vendor: name, as: State.self)[namespace] == nil ? [] : [["id": "T1"]]
    }
    func ticket(id: String, namespace: String) -> JSON? { tickets(namespace: namespace).first { $0["id"] == .string(id) } }
    var actionNames: [String] { ["approve"] }
    func perform(action: JSON, ticketId: String, namespace: String) throws(ActionError) -> JSON {
        guard ticket(id: ticketId, namespace: namespace) != nil else { throw ActionError(.unknownTicket, "no \(ticketId)") }
        guard action["action"] == "approve" else { throw ActionError(.unknownAction, "unknown action") }
        return ["id": .string(ticketId), "approved": true]
    }
}

@Suite struct AdminAPITests {
    static func client(adminToken: String? = nil) -> (TestClient, EmulatorContext) {
        let context = EmulatorContext(
            settings: Settings(adminToken: adminToken), timers: ManualTimers(), outbound: RecordingOutbound())
        let vendor = StubVendor(context: context)
        var router = Router()
        AdminAPI(context: context, vendors: [vendor]).register(into: &router)
        vendor.register(into: &router)
        let dispatcher = Dispatcher(router: router, vendors: [vendor], logger: Logger(label: "test"))
        return (.inProcess { dispatcher.handle($0) }, context)
    }

    @Test func healthReportsStatusVersionAndUptime() throws {
        let answer = try Self.client().0.get("/_mock/health")
        #expect(answer.status == 200)
        #expect(answer.json.objectValue?.keys == ["status", "version", "uptime_s"])
        #expect(answer.json["version"] == .string(TicketMock.version))
    }

    @Test func ticketsAreListedPerNamespaceAndResetClearsThem() throws {
        let (client, _) = Self.client()
        _ = try client.post("/stub/tickets", json: [:], headers: ["X-Mock-Namespace": "A"])
        #expect(try client.get("/_mock/tickets", headers: ["X-Mock-Namespace": "A"]).json["count"] == 1)
        #expect(try client.get("/_mock/tickets", headers: ["X-Mock-Namespace": "B"]).json["count"] == 0)
        #expect(
            try client.get("/_mock/tickets?vendor=stub", headers: ["X-Mock-Namespace": "A"]).json["tickets"]?[0]?["vendor"]
                == "stub")
        #expect(try client.post("/_mock/reset", json: [:]).status == 200)
        #expect(try client.get("/_mock/tickets", headers: ["X-Mock-Namespace": "A"]).json["count"] == 0)
    }

    @Test func unknownVendorTicketAndActionAreClearErrors() throws {
        let (client, _) = Self.client()
        let vendor = try client.get("/_mock/tickets?vendor=nope")
        #expect(vendor.status == 404)
        #expect(vendor.json["vendors"] == ["stub"])
        #expect(try client.get("/_mock/tickets/stub/T9").status == 404)
        _ = try client.post("/stub/tickets", json: [:])
        #expect(try client.get("/_mock/tickets/stub/T1").json["id"] == "T1")
        let action = try client.post("/_mock/tickets/stub/T1/actions", json: ["action": "dance"])
        #expect(action.status == 400)
        #expect(action.json["actions"] == ["approve"])
        #expect(try client.post("/_mock/tickets/stub/T1/actions", json: ["action": "approve"]).json["approved"] == true)
        #expect(try client.post("/_mock/tickets/stub/T1/actions", text: "{broken").json["error"] == "bad_json")
        #expect(try client.post("/_mock/tickets/stub/T1/actions", json: [1]).status == 400)
    }

    @Test func unknownAdminPathsAreJSON404s() throws {
        let answer = try Self.client().0.get("/_mock/nothing")
        #expect(answer.status == 404)
        #expect(answer.json["path"] == "/_mock/nothing")
    }

    @Test func theAdminTokenGuardsEverythingButHealth() throws {
        let (client, _) = Self.client(adminToken: "t0k")
        #expect(try client.get("/_mock/health").status == 200)
        #expect(try client.get("/_mock/tickets").status == 401)
        #expect(try client.get("/_mock/tickets", headers: ["X-Mock-Admin-Token": "t0k"]).status == 200)
        #expect(try client.get("/_mock/tickets", headers: ["Authorization": "Bearer t0k"]).status == 200)
    }

    @Test func callbacksAreListed() throws {
        let (client, context) = Self.client()
        context.callbacks.post(
            namespace: "default", vendor: "stub", ticketId: "T1", url: "http://127.0.0.1:9/cb", headers: [:],
            payload: ["sn": "T1"], succeeded: { $0.status == 200 })
        let answer = try client.get("/_mock/callbacks")
        #expect(answer.json["count"] == 1)
        #expect(answer.json["callbacks"]?[0]?["outcome"] == "succeeded")
        #expect(answer.json["callbacks"]?[0]?["payload"] == ["sn": "T1"])
    }
}
