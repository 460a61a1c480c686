import MockCore
import Scenarios

/// `/_mock/scenarios`, `/_mock/requests`, `/_mock/clock` and `/_mock/metrics`.
public struct ScenarioAdmin: Sendable {
    let context: EmulatorContext
    let engine: ScenarioEngine

    public init(context: EmulatorContext, engine: ScenarioEngine) {
        self.context = context
        self.engine = engine
    }

    public func register(into router: inout Router) {
        add(&router, "GET", "/_mock/scenarios", "admin.scenarios") { _ in listScenarios() }
        add(&router, "POST", "/_mock/scenarios", "admin.scenario_load") { loadScenario($0, name: $0.query("name")) }
        add(&router, "DELETE", "/_mock/scenarios", "admin.scenarios_unload") { _ in
            engine.unloadAll()
            return .json(["unloaded": true])
        }
        add(&router, "GET", "/_mock/scenarios/{name}", "admin.scenario", showScenario)
        add(&router, "POST", "/_mock/scenarios/{name}", "admin.scenario_load") { loadScenario($0, name: $0.parameters["name"]) }
        add(&router, "DELETE", "/_mock/scenarios/{name}", "admin.scenario_unload", unloadScenario)
        add(&router, "GET", "/_mock/requests", "admin.requests", listRequests)
        add(&router, "DELETE", "/_mock/requests", "admin.requests_clear") { request in
            let namespace = request.query("namespace") ?? request.headers[TicketMock.namespaceHeader]
            engine.journal.clear(namespace: namespace)
            return .json(["cleared": true, "namespace": JSON(namespace)])
        }
        add(&router, "POST", "/_mock/requests/verify", "admin.requests_verify", verify)
        add(&router, "GET", "/_mock/clock", "admin.clock") { _ in clockState() }
        add(&router, "PUT", "/_mock/clock", "admin.clock_set", setClock)
        add(&router, "GET", "/_mock/metrics", "admin.metrics") { _ in
            .text(engine.metricsText(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    private func add(_ router: inout Router, _ method: String, _ path: String, _ api: String, _ handler: @escaping Handler) {
        let token = context.settings.adminToken
        router.add(method, path, api: api) { request in
            if let token, !AdminAuth.accepts(request, token: token) { return AdminErrors.unauthorized() }
            return handler(request)
        }
    }

    func summary(_ loaded: ScenarioEngine.Loaded) -> JSON {
        let scenario = loaded.scenario
        return [
            "name": .string(scenario.name), "description": .string(scenario.description), "source": .string(scenario.source),
            "loaded_at": .string(loaded.loadedAt.civil().iso8601(fractionDigits: 3)),
            "seed": scenario.seed.map { JSON.int(Int64(bitPattern: $0)) } ?? .null,
            "seeds": JSON(scenario.seeds.map(\.key)), "lifecycle": JSON(scenario.lifecycle.count),
            "faults": JSON(scenario.faults.map(\.name)), "expect": JSON(scenario.expect.count),
        ]
    }

    func listScenarios() -> Response {
        let all = engine.scenarios
        return .json([
            "count": JSON(all.count), "scenarios": .array(all.map(summary)),
            "lifecycle_runs": .array(engine.lifecycle.outcomes.suffix(100).map(\.json)),
        ])
    }

    func showScenario(_ request: Request) -> Response {
        let name = request.parameters["name"] ?? ""
        guard let loaded = engine.scenarios.first(where: { $0.scenario.name == name }) else {
            return AdminErrors.unknownScenario(name, known: engine.scenarios.map(\.scenario.name))
        }
        var json = summary(loaded)
        json["text"] = .string(loaded.scenario.text)
        return .json(json)
    }

    func loadScenario(_ request: Request, name: String?) -> Response {
        let text = request.bodyText
        do {
            let scenario = try engine.load(text, source: "<request>", defaultName: name ?? "scenario")
            guard let loaded = engine.scenarios.first(where: { $0.scenario.name == scenario.name }) else {
                return AdminErrors.invalid("scenario \(scenario.name) vanished while loading")
            }
            return .json(summary(loaded), status: 201)
        } catch {
            return AdminErrors.scenarioRejected(error)
        }
    }

    func unloadScenario(_ request: Request) -> Response {
        let name = request.parameters["name"] ?? ""
        guard engine.unload(name) else { return AdminErrors.unknownScenario(name, known: engine.scenarios.map(\.scenario.name)) }
        return .json(["unloaded": .string(name)])
    }
}
