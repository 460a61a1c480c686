import MockCore
import Scenarios

/// The journal, verification and clock routes.
extension ScenarioAdmin {
    /// `?namespace=` wins, then `X-Mock-Namespace`; neither means every namespace.
    func namespaceScope(_ request: Request) -> String? {
        request.query("namespace") ?? request.headers[TicketMock.namespaceHeader]
    }

    func listRequests(_ request: Request) -> Response {
        var entries = engine.journal.entries(namespace: namespaceScope(request))
        if let api = request.query("api") {
            entries = entries.filter { entry in api.split(separator: ",").contains { glob(String($0), entry.facts.api) } }
        }
        if let status = request.query("status") {
            guard let test = StatusFilter(status) else {
                return AdminErrors.invalid("status must be a code such as 200 or a class such as 4xx")
            }
            entries = entries.filter { test.matches($0.status) }
        }
        if let since = request.query("since") {
            let cutoff: Timestamp
            if let time = Timestamp(iso8601: since) {
                cutoff = time
            } else if let ago = DurationText.parse(since) {
                cutoff = context.clock.now() + .milliseconds(-ago.milliseconds)
            } else {
                return AdminErrors.invalid("since must be an ISO 8601 time or a duration such as 30s")
            }
            entries = entries.filter { $0.time >= cutoff }
        }
        if let limitText = request.query("limit") {
            guard let limit = Int(limitText), limit >= 0 else {
                return AdminErrors.invalid("limit must be a non-negative integer")
            }
            entries = Array(entries.suffix(limit))
        }
        return .json(["count": JSON(entries.count), "requests": .array(entries.map(\.json))])
    }

    func glob(_ pattern: String, _ text: String) -> Bool {
        var matcher = RequestMatcher()
        matcher.apis = [pattern]
        return matcher.matches(RequestFacts(api: text, method: "", path: "", query: [], headers: [:], body: []))
    }

    func verify(_ request: Request) -> Response {
        let body: JSON
        if request.body.isEmpty {
            body = [:]
        } else {
            do { body = try request.jsonBody() } catch { return AdminErrors.badJSON(error) }
        }
        guard let object = body.objectValue else { return AdminErrors.invalid("the body must be a JSON object") }
        let namespace = namespaceScope(request)
        if object.isEmpty || object["scenario"] != nil {
            if let name = object["scenario"], name.stringValue == nil { return AdminErrors.invalid("scenario must be a string") }
            guard let (ok, results) = engine.verifyExpectations(scenario: object["scenario"]?.stringValue, namespace: namespace)
            else {
                let name = object["scenario"]?.stringValue ?? ""
                return AdminErrors.unknownScenario(name, known: engine.scenarios.map(\.scenario.name))
            }
            return .json(["ok": .bool(ok), "results": .array(results)], status: ok ? 200 : 409)
        }
        switch Verification.expectation(from: body, catalog: engine.catalog) {
        case .failure(let rejected):
            return AdminErrors.scenarioRejected(rejected)
        case .success(let expectation):
            let result = Verification.verify(
                expectation.matcher, expectation.count, in: engine.journal.entries(namespace: namespace))
            return .json(result.json, status: result.ok ? 200 : 409)
        }
    }

    func clockState() -> Response {
        let now = context.clock.now()
        var json: JSON = ["now": .string(now.civil().iso8601(fractionDigits: 3)), "now_ms": .int(now.milliseconds)]
        switch context.clock.currentMode {
        case .frozen: json["mode"] = "frozen"
        case .running(let offset):
            json["mode"] = offset == .zero ? "real" : "running"
            json["offset_ms"] = .int(offset.milliseconds)
        }
        return .json(json)
    }

    /// `{"set": ISO, "frozen": bool}`, `{"freeze": true}`, `{"advance": "2h"}`, `{"real": true}`.
    func setClock(_ request: Request) -> Response {
        let body: JSON
        do { body = try request.jsonBody() } catch { return AdminErrors.badJSON(error) }
        guard let object = body.objectValue, !object.isEmpty else {
            return AdminErrors.invalid("the body must be a JSON object with set, frozen, freeze, advance or real")
        }
        for key in object.keys where !["set", "frozen", "freeze", "advance", "real"].contains(key) {
            return AdminErrors.invalid("unknown clock key '\(key)' (set, frozen, freeze, advance, real)")
        }
        var start: Timestamp?
        if let set = object["set"] {
            guard let text = set.stringValue, let time = Timestamp(iso8601: text) else {
                return AdminErrors.invalid("set must be an ISO 8601 time such as 2026-01-05T09:00:00+08:00")
            }
            start = time
        }
        var advance: Duration?
        if let value = object["advance"] {
            guard let text = value.stringValue ?? value.scalarText, let parsed = DurationText.parse(text) else {
                return AdminErrors.invalid("advance must be a duration such as 90s or 2h")
            }
            advance = parsed
        }
        for key in ["frozen", "freeze", "real"] where object[key] != nil && object[key]?.boolValue == nil {
            return AdminErrors.invalid("\(key) must be true or false")
        }
        let freeze = object["freeze"]?.boolValue ?? object["frozen"]?.boolValue
        if object["real"]?.boolValue == true {
            context.clock.useRealTime()
        } else if let start {
            if freeze == true { context.clock.freeze(at: start) } else { context.clock.run(from: start) }
        } else if freeze == true {
            context.clock.freeze()
        } else if freeze == false, case .frozen(let at) = context.clock.currentMode {
            context.clock.run(from: at)
        }
        if let advance { context.clock.advance(by: advance) }
        return clockState()
    }
}

struct StatusFilter {
    let low: Int, high: Int
    init?(_ text: String) {
        if let code = Int(text) {
            low = code
            high = code
        } else if text.count == 3, text.hasSuffix("xx"), let first = text.first?.wholeNumberValue {
            low = first * 100
            high = first * 100 + 99
        } else {
            return nil
        }
    }
    func matches(_ status: Int) -> Bool { (low...high).contains(status) }
}
