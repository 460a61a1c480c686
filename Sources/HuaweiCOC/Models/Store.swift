import MockCore
import Synchronization

/// An uploaded attachment (huawei-coc.md §3.1): its bytes and name.
struct Attachment: Sendable {
    var name: String
    var contentType: String
    var bytes: [UInt8]
}

/// One namespace's COC state: tickets (by ticket id, with a uuid index), incidents, attachments.
final class COCState: PartitionState {
    struct Tables {
        var tickets: [String: Ticket] = [:]
        var uuidIndex: [String: String] = [:]
        var order: [String] = []
        var incidents: [String: Incident] = [:]
        var incidentOrder: [String] = []
        var attachments: [String: Attachment] = [:]

        /// By `ticket_id` or by uuid `id` (both look-ups work).
        func key(for idOrTicketId: String) -> String? {
            tickets[idOrTicketId] != nil ? idOrTicketId : uuidIndex[idOrTicketId]
        }
    }

    let tables = Mutex(Tables())
}

/// The COC model: creates and changes tickets and incidents in a namespace. No HTTP here.
struct COCModel: Sendable {
    let context: EmulatorContext
    static let vendor = "huawei_coc"
    /// Ticket-id timestamps are Asia/Shanghai local time (huawei-coc.md §8).
    static let shanghai = 8 * 3600

    func state(_ namespace: String) -> COCState {
        context.store.partition(vendor: Self.vendor, namespace: namespace) { COCState() }
    }

    var now: Int64 { context.clock.now().milliseconds }

    /// `CM`/`PM`/`IM` + `yyyyMMddHHmmss` + 10 digits, unique in the namespace.
    func newNumber(prefix: String, namespace: String, taken: (String) -> Bool) -> String {
        let stamp = Timestamp(milliseconds: now).civil(utcOffsetSeconds: Self.shanghai).compactDateTime
        while true {
            let digits = String(context.ids.next(namespace, below: 10_000_000_000))
            let number = prefix + stamp + String(repeating: "0", count: 10 - digits.count) + digits
            if !taken(number) { return number }
        }
    }

    func create(
        kind: TicketKind, fields: [StoredField], subTickets: [[StoredField]], creator: String, domainId: String,
        namespace: String
    ) -> Ticket {
        let table = CreateRules.table(for: kind)
        let start = fields.first { table[Int($0.rule)].name == "is_start_process" }?.value != .bool(false)
        let initial: TicketState = switch kind {
        case .change: .change(start ? .approve : .draft)
        case .issue: .issue(start ? .unaccepted : .draft)
        }
        let partition = state(namespace)
        let time = now
        return partition.tables.withLock { t in
            let ticketId = newNumber(prefix: kind.idPrefix, namespace: namespace) { t.tickets[$0] != nil }
            let subs = subTickets.map { SubTicket(id: context.ids.uuid(namespace), fields: $0) }
            let ticket = Ticket(
                kind: kind, id: context.ids.uuid(namespace), ticketId: ticketId, state: initial, isStartProcess: start,
                fields: fields, subTickets: subs, creator: creator, domainId: domainId, assignee: "",
                createTime: time, updateTime: time)
            t.tickets[ticketId] = ticket
            t.uuidIndex[ticket.id] = ticketId
            t.order.append(ticketId)
            return ticket
        }
    }

    func ticket(_ id: String, namespace: String) -> Ticket? {
        state(namespace).tables.withLock { t in t.key(for: id).flatMap { t.tickets[$0] } }
    }

    /// Changes one ticket atomically; the closure may throw and then nothing is kept.
    func modify(
        _ id: String, namespace: String, _ change: (inout Ticket) throws(COCError) -> Void
    ) throws(COCError) -> Ticket {
        try state(namespace).tables.withLock { (t) throws(COCError) -> Ticket in
            guard let key = t.key(for: id), var ticket = t.tickets[key] else { throw COCError.unknownTicket }
            try change(&ticket)
            t.tickets[key] = ticket
            return ticket
        }
    }

    /// DELETE: only a cancelled ticket (huawei-coc.md §7.2).
    func delete(_ id: String, namespace: String) throws(COCError) {
        try state(namespace).tables.withLock { (t) throws(COCError) in
            guard let key = t.key(for: id), let ticket = t.tickets[key] else { throw COCError.unknownTicket }
            guard ticket.state == .change(.cancel) || ticket.state == .issue(.canceled) else {
                throw COCError.deleteNotAllowed
            }
            t.tickets[key] = nil
            t.uuidIndex[ticket.id] = nil
            t.order.removeAll { $0 == key }
        }
    }

    /// Tickets in creation order (optionally of one kind).
    func tickets(namespace: String, kind: TicketKind? = nil) -> [Ticket] {
        state(namespace).tables.withLock { t in
            t.order.compactMap { t.tickets[$0] }.filter { kind == nil || $0.kind == kind }
        }
    }

    func storeAttachment(_ attachment: Attachment, namespace: String) -> String {
        let id = context.ids.uuid(namespace)
        state(namespace).tables.withLock { $0.attachments[id] = attachment }
        return id
    }

    func attachment(_ id: String, namespace: String) -> Attachment? {
        state(namespace).tables.withLock { $0.attachments[id] }
    }
}
