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
    private let subscribers = Mutex<[@Sendable (DomainEvent) -> Void]>([])

    public init() {}

    public func subscribe(_ subscriber: @escaping @Sendable (DomainEvent) -> Void) {
        subscribers.withLock { $0.append(subscriber) }
    }

    public func emit(_ event: DomainEvent) {
        for subscriber in subscribers.withLock({ $0 }) { subscriber(event) }
    }
}
