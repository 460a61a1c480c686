import MockCore
import Synchronization

/// A fault rule of a loaded scenario, with what it needs at request time.
struct ActiveFault: Sendable {
    var id: Int
    var scenario: String
    var rule: FaultRule
    var loadedAt: Timestamp

    var targetsAdmin: Bool { rule.match.apis.contains { $0.hasPrefix("admin.") } }

    /// Whether a request to `api` could match: admin routes are faulted only by rules that name
    /// them (`api: admin.health`).
    func mayApply(to api: String, isAdmin: Bool) -> Bool {
        if isAdmin, !targetsAdmin { return false }
        return rule.match.apis.isEmpty || rule.match.apis.contains { Glob.matches($0, api) }
    }
}

/// The loaded rules, and for each API name seen since they were installed, those that may apply.
private struct InstalledFaults {
    var all: [ActiveFault] = []
    var byApi: [String: [ActiveFault]] = [:]

    mutating func candidates(api: String, isAdmin: Bool) -> [ActiveFault] {
        if let known = byApi[api] { return known }
        let found = all.filter { $0.mayApply(to: api, isAdmin: isAdmin) }
        byApi[api] = found
        return found
    }
}

/// Applies the loaded scenarios' faults to matching requests. Calls and firings are counted per
/// namespace and rule; probabilistic choices and delays come from the namespace's seeded stream.
public final class FaultEngine: RouteLayer {
    private struct Counter { var calls = 0, fired = 0 }
    private let rules = Mutex(InstalledFaults())
    /// How many rules are installed, read without the lock: most servers run with none.
    private let installedCount = Atomic<Int>(0)
    private let counters = Mutex<[String: [Int: Counter]]>([:])
    private let firedTotals = Mutex<[String: Int]>([:])
    private let clock: MockClock
    private let ids: IdSource
    private let errors: [String: @Sendable (Request) -> Response]

    init(clock: MockClock, ids: IdSource, errors: [String: @Sendable (Request) -> Response]) {
        self.clock = clock
        self.ids = ids
        self.errors = errors
    }

    func install(_ active: [ActiveFault]) {
        let kept = Set(active.map(\.id))
        rules.withLock { $0 = InstalledFaults(all: active) }
        installedCount.store(active.count, ordering: .releasing)
        counters.withLock { all in
            for namespace in all.keys { all[namespace] = all[namespace]?.filter { kept.contains($0.key) } }
        }
    }

    /// Forgets calls and firings (of one namespace, or all).
    public func clear(namespace: String?) {
        counters.withLock { all in
            if let namespace { all[namespace] = nil } else { all = [:] }
        }
        if namespace == nil { firedTotals.withLock { $0 = [:] } }
    }

    /// How often each fault fired, keyed `scenario/fault`.
    public var firedCounts: [String: Int] { firedTotals.withLock { $0 } }

    public var middleware: RouteMiddleware { self }

    public func respond(to request: Request, route: Route, next: RouteNext) -> Response {
        guard installedCount.load(ordering: .acquiring) > 0 else { return next(request) }
        let active = rules.withLock { $0.candidates(api: route.api, isAdmin: route.vendor == "admin") }
        guard !active.isEmpty, let chosen = choose(active, request: request, api: route.api) else { return next(request) }
        return apply(chosen, request: request, next: next)
    }

    private func choose(_ active: [ActiveFault], request: Request, api: String) -> ActiveFault? {
        let namespace = request.namespace
        var chosen: ActiveFault?
        for fault in active where fault.rule.match.matches(request, api: api) {
            let (call, fired) = counters.withLock { all -> (Int, Int) in
                all[namespace, default: [:]][fault.id, default: Counter()].calls += 1
                let counter = all[namespace]![fault.id]!
                return (counter.calls, counter.fired)
            }
            guard chosen == nil else { continue }
            let fires = fault.rule.when.fires(
                call: call, firedBefore: fired, now: clock.now(), loadedAt: fault.loadedAt, random: { random(namespace) })
            if fires {
                counters.withLock { $0[namespace]?[fault.id]?.fired += 1 }
                firedTotals.withLock { $0["\(fault.scenario)/\(fault.rule.name)", default: 0] += 1 }
                chosen = fault
            }
        }
        return chosen
    }

    private func random(_ namespace: String) -> Double { ids.unit(namespace + "#faults") }

    private func apply(_ fault: ActiveFault, request: Request, next: RouteNext) -> Response {
        var response: Response
        let respond = fault.rule.respond
        if let name = respond?.error {
            response = errors[name]?(request) ?? .json(["error": .string(name)], status: 500)
        } else if let respond, !respond.keepsNormalAnswer {
            response = Response(status: respond.status ?? 200)
            if let body = respond.body {
                if case .string(let text) = body {
                    response.body = Array(text.utf8)
                    response.headers.add("Content-Type", "text/plain; charset=utf-8")
                } else {
                    response = .json(body, status: respond.status ?? 200)
                }
            }
        } else {
            response = next(request)
        }
        for header in respond?.headers ?? [] {
            response.headers.set(header.name, header.value)
        }
        if let delay = respond?.delay {
            let namespace = request.namespace
            response.delay = (response.delay ?? .zero) + delay.sample { random(namespace) }
        }
        if let connection = fault.rule.connection { response.fault = connection }
        return response
    }
}
