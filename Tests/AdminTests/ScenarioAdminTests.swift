import Admin
import MockCore
import Scenarios
import TestSupport
import Testing

/// The scenario admin routes, in process, over the fake vendor of TestSupport.
struct AdminHarness {
    let context: EmulatorContext
    let vendor: FakeDesk
    let client: TestClient

    init() {
        let clock = MockClock()
        clock.freeze(at: Timestamp(iso8601: "2026-01-05T09:00:00Z")!)
        context = EmulatorContext(clock: clock, ids: IdSource(seed: 1), timers: ManualTimers(), outbound: RecordingOutbound())
        vendor = FakeDesk(context: context)
        var router = Router()
        AdminAPI(context: context, vendors: [vendor]).register(into: &router)
        vendor.register(into: &router)
        let engine = ScenarioEngine(context: context, vendors: [vendor], apiNames: router.apiNames)
        ScenarioAdmin(context: context, engine: engine).register(into: &router)
        let dispatcher = Dispatcher(router: router, vendors: [vendor], middleware: engine.middleware, logger: context.logger)
        client = .inProcess { dispatcher.handle($0) }
    }

    func load(_ yaml: String, name: String? = nil) throws -> TestResponse {
        try client.post(
            "/_mock/scenarios" + (name.map { "/\($0)" } ?? ""), text: yaml, headers: ["Content-Type": "application/yaml"])
    }

    func create(_ title: String = "t", namespace: String = "default") throws -> String {
        try client.post("/fake/tickets", json: ["title": .string(title)], headers: ["X-Mock-Namespace": namespace]).json["data"]?[
            "id"]?
            .stringValue ?? ""
    }
}

@Suite struct ScenarioAdminTests {
    @Test func scenariosAreLoadedListedShownAndUnloaded() throws {
        let h = AdminHarness()
        let loaded = try h.load(
            "description: d\nfaults: [{name: f, match: {api: fake_desk.get_status}, respond: {status: 503}}]", name: "mine")
        #expect(loaded.status == 201)
        #expect(loaded.json["name"] == "mine")
        #expect(loaded.json["faults"] == ["f"])
        #expect(try h.client.get("/fake/tickets/x/status").status == 503)
        #expect(try h.client.get("/_mock/scenarios").json["count"] == 1)
        #expect(try h.client.get("/_mock/scenarios/mine").json["text"]?.stringValue?.contains("respond") == true)
        #expect(try h.client.request("DELETE", "/_mock/scenarios/mine").status == 200)
        #expect(try h.client.request("DELETE", "/_mock/scenarios/mine").json["error"] == "unknown_scenario")
        #expect(try h.client.get("/fake/tickets/x/status").status == 404)
    }

    @Test func aBadScenarioIsRefusedWithEveryError() throws {
        let h = AdminHarness()
        _ = try h.load("name: keep\nfaults: [{match: {api: fake_desk.get_status}, respond: {status: 503}}]")
        let refused = try h.load("name: keep\nfaults:\n  - match: {api: fake_desk.get_stat}\n    respond: {staus: 1}\n")
        #expect(refused.status == 400)
        #expect(refused.json["error"] == "invalid_scenario")
        let errors = refused.json["errors"]?.arrayValue ?? []
        #expect(errors.map { $0["line"] } == [3, 4])
        #expect(errors.first?["message"]?.stringValue?.contains("nearest: fake_desk.get_status") == true)
        #expect(try h.client.get("/fake/tickets/x/status").status == 503)
    }

    @Test func theJournalIsListedFilteredAndCleared() throws {
        let h = AdminHarness()
        _ = try h.create(namespace: "a")
        _ = try h.create(namespace: "b")
        _ = try h.client.get("/fake/tickets/nope/status", headers: ["X-Mock-Namespace": "a"])
        #expect(try h.client.get("/_mock/requests").json["count"] == 3)
        #expect(try h.client.get("/_mock/requests?namespace=a").json["count"] == 2)
        #expect(try h.client.get("/_mock/requests?status=4xx").json["requests"]?[0]?["status"] == 404)
        #expect(try h.client.get("/_mock/requests?api=fake_desk.create*").json["count"] == 2)
        #expect(try h.client.get("/_mock/requests?since=2026-01-05T09:00:01Z").json["count"] == 0)
        #expect(try h.client.get("/_mock/requests?since=10s").json["count"] == 3)
        #expect(try h.client.get("/_mock/requests?status=abc").status == 400)
        _ = try h.client.request("DELETE", "/_mock/requests", headers: ["X-Mock-Namespace": "a"])
        #expect(try h.client.get("/_mock/requests").json["count"] == 1)
    }

    @Test func verifyAnswersMatchesAndClosestMisses() throws {
        let h = AdminHarness()
        _ = try h.load("name: e\nexpect: [{api: fake_desk.create_ticket, count: {exactly: 2}}]")
        _ = try h.create("first")
        let ok = try h.client.post("/_mock/requests/verify", json: ["api": "fake_desk.create_ticket", "count": ["exactly": 1]])
        #expect(ok.status == 200)
        #expect(ok.json["ok"] == true)
        let miss = try h.client.post(
            "/_mock/requests/verify",
            json: ["api": "fake_desk.create_ticket", "body": ["title": "second"], "count": ["at_least": 1]])
        #expect(miss.status == 409)
        #expect(miss.json["closest"]?[0]?["mismatches"] == [#"body.title: expected "second", was "first""#])
        let expectations = try h.client.post("/_mock/requests/verify", json: [:])
        #expect(expectations.json["ok"] == false)
        _ = try h.create("second")
        #expect(try h.client.post("/_mock/requests/verify", json: ["scenario": "e"]).json["ok"] == true)
        #expect(try h.client.post("/_mock/requests/verify", json: ["api": "fake_desk.nope"]).status == 400)
        #expect(try h.client.post("/_mock/requests/verify", text: "{").json["error"] == "bad_json")
    }

    @Test func theClockIsReadFrozenAdvancedAndReleased() throws {
        let h = AdminHarness()
        _ = try h.load("lifecycle: [{on: fake_desk.ticket_created, after: 2h, do: {approve: {result: true}}}]")
        let id = try h.create()
        #expect(try h.client.get("/_mock/clock").json["mode"] == "frozen")
        let advanced = try h.client.request("PUT", "/_mock/clock", json: ["advance": "2h"])
        #expect(advanced.json["now"] == "2026-01-05T11:00:00.000Z")
        #expect(h.vendor.ticket(id: id, namespace: "default")?["status"] == "APPROVED")
        let set = try h.client.request("PUT", "/_mock/clock", json: ["set": "2030-01-01T00:00:00Z", "frozen": false])
        #expect(set.json["mode"] == "running")
        #expect(try h.client.request("PUT", "/_mock/clock", json: ["freeze": true]).json["mode"] == "frozen")
        #expect(try h.client.request("PUT", "/_mock/clock", json: ["real": true]).json["mode"] == "real")
        #expect(try h.client.request("PUT", "/_mock/clock", json: ["advance": "soon"]).status == 400)
        #expect(try h.client.request("PUT", "/_mock/clock", json: ["rewind": "1h"]).status == 400)
    }

    @Test func metricsArePrometheusText() throws {
        let h = AdminHarness()
        _ = try h.load("name: m\nfaults: [{name: busy, match: {api: fake_desk.get_status}, respond: {error: fake_desk.E100}}]")
        _ = try h.create()
        _ = try h.client.get("/fake/tickets/x/status")
        let text = try h.client.get("/_mock/metrics").text
        #expect(text.contains(#"ticketmock_requests_total{api="fake_desk.create_ticket",status="200"} 1"#))
        #expect(text.contains(#"ticketmock_faults_fired_total{scenario="m",fault="busy"} 1"#))
        #expect(text.contains(#"ticketmock_tickets{vendor="fake_desk",namespace="default"} 1"#))
    }

    @Test func resetClearsTheJournalAndReappliesScenarios() throws {
        let h = AdminHarness()
        _ = try h.load(
            "clock: {start: \"2030-01-01T00:00:00Z\", frozen: true}\nfaults: [{match: {api: fake_desk.create_ticket}, when: {calls: [1]}, respond: {status: 500}}]"
        )
        #expect(try h.client.post("/fake/tickets", json: [:]).status == 500)
        #expect(try h.client.post("/fake/tickets", json: [:]).status == 200)
        _ = try h.client.request("PUT", "/_mock/clock", json: ["advance": "1d"])
        _ = try h.client.post("/_mock/reset", json: [:])
        #expect(try h.client.get("/_mock/requests").json["count"] == 0)
        #expect(try h.client.get("/_mock/clock").json["now"] == "2030-01-01T00:00:00.000Z")
        #expect(try h.client.post("/fake/tickets", json: [:]).status == 500)
    }
}
