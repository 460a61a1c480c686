import MockCore
import Synchronization

/// The loaded scenarios and everything they drive: seed data, faults, lifecycles, the clock and
/// the seed. Loading is all or nothing: a scenario with any error changes nothing.
public final class ScenarioEngine: Sendable {
    public struct Loaded: Sendable {
        public var scenario: Scenario
        public var loadedAt: Timestamp
        var faultIds: [Int]
    }

    public let catalog: ScenarioCatalog
    public let journal: Journal
    public let faults: FaultEngine
    public let lifecycle: LifecycleScheduler
    let context: EmulatorContext
    let vendors: [any VendorEmulator]
    private let loaded = Mutex<[Loaded]>([])
    private let nextFaultId = Mutex(0)
    /// Serialises loads, unloads and resets (the watcher, admin calls and start-up may overlap),
    /// so the last change is the one installed.
    private let changing = Mutex(())
    /// The `--seed` the server started with, used when no loaded scenario sets one.
    private let baseSeed: UInt64?

    public init(context: EmulatorContext, vendors: [any VendorEmulator], apiNames: [String]) {
        self.context = context
        self.vendors = vendors
        catalog = ScenarioCatalog(vendors: vendors, apiNames: apiNames)
        journal = Journal(capacity: context.settings.journalSize)
        var errors: [String: @Sendable (Request) -> Response] = [:]
        for vendor in vendors {
            for (name, builder) in vendor.errorCatalog where errors[name] == nil { errors[name] = builder }
        }
        faults = FaultEngine(clock: context.clock, ids: context.ids, errors: errors)
        lifecycle = LifecycleScheduler(context: context, vendors: vendors)
        baseSeed = context.ids.seed
        lifecycle.start(context: context)
        context.onReset { [self] namespace in reset(namespace: namespace) }
    }

    /// Journal first (it sees faulted answers), then faults.
    public var middleware: [RouteMiddleware] { [journal.middleware(clock: context.clock), faults.middleware] }

    public var scenarios: [Loaded] { loaded.withLock { $0 } }

    /// Checks `text` without loading it.
    public func check(_ text: String, source: String, defaultName: String) -> Result<Scenario, ScenarioRejected> {
        ScenarioParser.parse(text, file: source, defaultName: defaultName, catalog: catalog)
    }

    /// Checks and loads (replacing a scenario of the same name).
    @discardableResult
    public func load(_ text: String, source: String, defaultName: String) throws(ScenarioRejected) -> Scenario {
        let scenario = try check(text, source: source, defaultName: defaultName).get()
        load(scenario)
        return scenario
    }

    public func loadFile(_ path: String) throws(ScenarioRejected) -> Scenario {
        guard let text = FileSystem.read(path) else {
            throw ScenarioRejected(issues: [ScenarioIssue(file: path, line: 0, field: "(file)", message: "cannot read the file")])
        }
        return try load(text, source: path, defaultName: FileSystem.baseName(path))
    }

    public func load(_ scenario: Scenario) {
        changing.withLock { _ in loadLocked(scenario) }
        context.logger.info("scenario \(scenario.name) loaded from \(scenario.source)")
    }

    private func loadLocked(_ scenario: Scenario) {
        let ids: [Int] = nextFaultId.withLock { next in
            scenario.faults.map { _ in
                next += 1
                return next
            }
        }
        applyClockAndSeed(scenario)
        let entry = Loaded(scenario: scenario, loadedAt: context.clock.now(), faultIds: ids)
        loaded.withLock { all in
            if let index = all.firstIndex(where: { $0.scenario.name == scenario.name }) {
                all[index] = entry
            } else {
                all.append(entry)
            }
        }
        install()
    }

    @discardableResult
    public func unload(_ name: String) -> Bool {
        changing.withLock { _ in
            let removed = loaded.withLock { all in
                let before = all.count
                all.removeAll { $0.scenario.name == name }
                return all.count != before
            }
            if removed { install() }
            return removed
        }
    }

    public func unloadAll() {
        changing.withLock { _ in
            loaded.withLock { $0 = [] }
            install()
        }
    }

    /// Pushes the loaded scenarios into the vendors, the fault engine and the scheduler.
    private func install() {
        let all = scenarios
        for vendor in vendors {
            guard let key = vendor.seedKey else { continue }
            vendor.applySeeds(all.flatMap { $0.scenario.seeds.filter { $0.key == key }.map(\.section) })
        }
        faults.install(
            all.flatMap { entry in
                zip(entry.faultIds, entry.scenario.faults).map {
                    ActiveFault(id: $0, scenario: entry.scenario.name, rule: $1, loadedAt: entry.loadedAt)
                }
            })
        lifecycle.install(all.flatMap(\.scenario.lifecycle))
    }

    private func applyClockAndSeed(_ scenario: Scenario) {
        if let seed = scenario.seed { context.ids.reseed(seed) }
        applyClock(scenario)
    }

    private func applyClock(_ scenario: Scenario) {
        if let clock = scenario.clock {
            if let start = clock.start {
                if clock.frozen { context.clock.freeze(at: start) } else { context.clock.run(from: start) }
            } else if clock.frozen {
                context.clock.freeze()
            }
        }
    }

    /// `POST /_mock/reset`: journal, fault counters and pending steps go; the scenarios apply again.
    func reset(namespace: String?) {
        journal.clear(namespace: namespace)
        faults.clear(namespace: namespace)
        lifecycle.clear(namespace: namespace)
        guard namespace == nil else { return }
        changing.withLock { _ in reapply() }
    }

    private func reapply() {
        let all = scenarios
        if let withClock = all.last(where: { $0.scenario.clock != nil }) { applyClock(withClock.scenario) }
        context.ids.reseed(all.last(where: { $0.scenario.seed != nil })?.scenario.seed ?? baseSeed)
        let now = context.clock.now()
        loaded.withLock { list in for index in list.indices { list[index].loadedAt = now } }
        install()
    }
}
