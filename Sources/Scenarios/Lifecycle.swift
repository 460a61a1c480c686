import MockCore
import Synchronization

/// Runs lifecycle rules: an event queues a step due `after` later on the mock clock; due steps
/// run from a timer or when the clock changes, never inline in the request that caused them.
public final class LifecycleScheduler: Sendable {
    struct Step: Sendable {
        var due: Timestamp
        var sequence: Int
        var rule: LifecycleRule
        var namespace: String
        var ticketId: String
    }

    /// One step that ran, for `GET /_mock/scenarios`.
    public struct Outcome: Sendable {
        public var rule: String
        public var namespace: String
        public var ticketId: String
        public var action: JSON
        public var error: String?
        public var at: Timestamp
    }

    private struct State {
        var rules: [LifecycleRule] = []
        var pending: [Step] = []
        var sequence = 0
        var outcomes: [Outcome] = []
    }

    private let state = Mutex(State())
    /// How many rules are installed, read without the lock: every emitter asks whether anyone
    /// listens, and usually no scenario has a lifecycle.
    private let ruleCount = Atomic<Int>(0)
    private let running = Mutex(false)
    private let clock: MockClock
    private let timers: any TimerScheduler
    private let vendors: [String: any VendorEmulator]
    private let context: EmulatorContext

    init(context: EmulatorContext, vendors: [any VendorEmulator]) {
        clock = context.clock
        timers = context.timers
        self.context = context
        self.vendors = Dictionary(vendors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Subscribes to events, the clock and a steady tick.
    func start(context: EmulatorContext, tick: Duration = .milliseconds(50)) {
        // Interested only while rules are loaded (`install`).
        context.events.subscribe(
            wants: { [self] name in
                ruleCount.load(ordering: .acquiring) > 0 && state.withLock { $0.rules.contains { $0.event == name } }
            }, interested: false
        ) {
            [self] event in schedule(event)
        }
        context.clock.onChange { [self] in runDue() }
        context.timers.repeating(every: tick) { [self] in runDue() }
    }

    func install(_ rules: [LifecycleRule]) {
        state.withLock {
            // Counted under the lock, so that installs racing each other count once.
            if $0.rules.isEmpty != rules.isEmpty { context.events.changeInterest(by: rules.isEmpty ? -1 : 1) }
            $0.rules = rules
            ruleCount.store(rules.count, ordering: .releasing)
        }
    }

    public func clear(namespace: String?) {
        state.withLock { s in
            if let namespace {
                s.pending.removeAll { $0.namespace == namespace }
                s.outcomes.removeAll { $0.namespace == namespace }
            } else {
                s.pending = []
                s.outcomes = []
            }
        }
    }

    public var pendingCount: Int { state.withLock { $0.pending.count } }
    public var outcomes: [Outcome] { state.withLock { $0.outcomes } }

    func schedule(_ event: DomainEvent) {
        let now = clock.now()
        let delays: [Duration] = state.withLock { s in
            var delays: [Duration] = []
            for rule in s.rules where rule.event == event.name && rule.filter.matches(event.ticket, fallback: event.details) {
                s.sequence += 1
                s.pending.append(
                    Step(
                        due: now + rule.after, sequence: s.sequence, rule: rule, namespace: event.namespace,
                        ticketId: event.ticketId))
                delays.append(rule.after)
            }
            return delays
        }
        for delay in delays { timers.schedule(after: delay) { [self] in runDue() } }
    }

    /// Runs every step that is due by the mock clock, in due order (steps they cause that are
    /// already due run too). One runner at a time; a concurrent call returns at once.
    public func runDue() {
        let claimed = running.withLock { busy -> Bool in
            if busy { return false }
            busy = true
            return true
        }
        guard claimed else { return }
        defer { running.withLock { $0 = false } }
        for _ in 0..<1000 {
            let now = clock.now()
            let due: [Step] = state.withLock { s in
                let ready = s.pending.filter { $0.due <= now }.sorted { ($0.due, $0.sequence) < ($1.due, $1.sequence) }
                s.pending.removeAll { $0.due <= now }
                return ready
            }
            if due.isEmpty { return }
            for step in due { run(step, at: now) }
        }
    }

    private func run(_ step: Step, at now: Timestamp) {
        for action in step.rule.actions {
            var failure: String?
            if let vendor = vendors[step.rule.vendor] {
                do {
                    _ = try vendor.perform(action: action, ticketId: step.ticketId, namespace: step.namespace)
                } catch {
                    failure = "\(error.kind): \(error.message)"
                }
            } else {
                failure = "vendor \(step.rule.vendor) is not registered"
            }
            if let failure { context.logger.warning("lifecycle \(step.rule.name) on \(step.ticketId): \(failure)") }
            let outcome = Outcome(
                rule: step.rule.name, namespace: step.namespace, ticketId: step.ticketId, action: action, error: failure, at: now)
            state.withLock { s in
                s.outcomes.append(outcome)
                if s.outcomes.count > 1000 { s.outcomes.removeFirst(s.outcomes.count - 1000) }
            }
        }
    }
}

extension LifecycleScheduler.Outcome {
    public var json: JSON {
        [
            "rule": .string(rule), "namespace": .string(namespace), "ticket": .string(ticketId), "action": action,
            "error": JSON(error), "at": .string(at.civil().iso8601(fractionDigits: 3)),
        ]
    }
}
