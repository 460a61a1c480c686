import MockCore
import TestSupport

@testable import Scenarios

/// An engine, its fake vendor and an in-process client, on manual timers and a frozen clock.
struct Harness {
    let context: EmulatorContext
    let timers: ManualTimers
    let vendor: FakeDesk
    let engine: ScenarioEngine
    let dispatcher: Dispatcher

    init(seed: UInt64? = nil, journalSize: Int = 10_000, start: Timestamp = Timestamp(iso8601: "2026-01-05T09:00:00Z")!) {
        timers = ManualTimers()
        let clock = MockClock()
        clock.freeze(at: start)
        context = EmulatorContext(
            settings: Settings(journalSize: journalSize), clock: clock, ids: IdSource(seed: seed), timers: timers,
            outbound: RecordingOutbound())
        vendor = FakeDesk(context: context)
        var router = Router()
        vendor.register(into: &router)
        Self.extend(&router)
        engine = ScenarioEngine(context: context, vendors: [vendor], apiNames: router.apiNames)
        dispatcher = Dispatcher(router: router, vendors: [vendor], middleware: engine.middleware, logger: context.logger)
    }

    /// Lets a test add routes (the admin routes) before the dispatcher is built.
    private static func extend(_ router: inout Router) {
        router.add("GET", "/_mock/health", api: "admin.health") { _ in .json(["status": "ok"]) }
    }

    func send(_ method: String, _ uri: String, json: JSON? = nil, namespace: String? = nil) -> Response {
        var headers = Headers()
        if let namespace { headers.add("X-Mock-Namespace", namespace) }
        return dispatcher.handle(Request(method: method, uri: uri, headers: headers, body: json?.jsonBytes ?? []))
    }

    func create(_ title: String = "t", namespace: String? = nil) -> String {
        let answer = send("POST", "/fake/tickets", json: ["title": .string(title)], namespace: namespace)
        return (try? JSONParser.parse(answer.body))?["data"]?["id"]?.stringValue ?? ""
    }

    @discardableResult
    func load(_ yaml: String) throws -> Scenario {
        try engine.load(yaml, source: "test.yaml", defaultName: "test")
    }
}

extension Response {
    var json: JSON { (try? JSONParser.parse(body)) ?? .null }
}
