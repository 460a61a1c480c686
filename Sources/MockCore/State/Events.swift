import Synchronization

/// Something that happened to a ticket, for scenario lifecycles: `bk_itsm.ticket_created`,
/// `huawei_osm.case_created`, `bk_itsm.status_reached`, …
public struct DomainEvent: Sendable {
    public var name: String
    public var namespace: String
    public var ticketId: String
    /// The ticket as `where` filters see it.
    public var ticket: JSON
    /// Event details (the status reached, the node entered, …).
    public var details: JSON

    public init(name: String, namespace: String, ticketId: String, ticket: JSON, details: JSON = [:]) {
        self.name = name
        self.namespace = namespace
        self.ticketId = ticketId
        self.ticket = ticket
        self.details = details
    }
}

/// Fan-out of domain events. Subscribers must not block: they queue work, never run it inline.
public final class EventBus: Sendable {
    private struct Subscriber {
        var wants: @Sendable (String) -> Bool
        var receive: @Sendable (DomainEvent) -> Void
    }

    private let subscribers = Mutex<[Subscriber]>([])
    /// How many subscribers may want some event now. While none does (no lifecycle rule loaded,
    /// the usual case), `isObserved` answers from this alone: asked on every create by both loop
    /// threads, the shared lock and the list's reference counts were contended.
    private let interested = Atomic<Int>(0)

    public init() {}

    /// `wants` says which event names the subscriber cares about (all by default), so emitters can
    /// skip building events nobody listens to. A subscriber that starts out wanting none passes
    /// `interested: false` and calls `changeInterest` when that changes.
    public func subscribe(
        wants: @escaping @Sendable (String) -> Bool = { _ in true }, interested: Bool = true,
        _ subscriber: @escaping @Sendable (DomainEvent) -> Void
    ) {
        subscribers.withLock { $0.append(Subscriber(wants: wants, receive: subscriber)) }
        if interested { changeInterest(by: 1) }
    }

    /// A subscriber now wants some events (+1), or none any more (-1).
    public func changeInterest(by change: Int) { interested.add(change, ordering: .releasing) }

    /// Whether any subscriber wants events of this name (building the ticket JSON costs time).
    /// The name is only made when some subscriber may want one.
    public func isObserved(_ name: @autoclosure () -> String) -> Bool {
        guard interested.load(ordering: .acquiring) > 0 else { return false }
        let name = name()
        // Asked outside the lock: `wants` may take the subscriber's own lock.
        return subscribers.withLock { $0 }.contains { $0.wants(name) }
    }

    public func emit(_ event: DomainEvent) {
        for subscriber in subscribers.withLock({ $0 }) where subscriber.wants(event.name) {
            subscriber.receive(event)
        }
    }
}
