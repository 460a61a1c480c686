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
        /// In creation order; a deleted ticket leaves nil. Indexes point into it.
        var tickets = SegmentedArray<Ticket?>()
        var byNumber = PositionIndex()
        var byUUID = PositionIndex()
        /// The few distinct creators and domains, stored once.
        var names: Set<String> = []
        /// The names interned last: a create interns its creator's and domain's, mostly the same
        /// as the create before, which a comparison finds without hashing them.
        private var recentNames: (String, String) = ("", "")
        var incidents: [String: Incident] = [:]
        var incidentOrder: [String] = []
        var attachments: [String: Attachment] = [:]

        /// By `ticket_id` or by uuid `id` (both look-ups work).
        func key(for idOrTicketId: String) -> Int? {
            if let number = TicketNumber(idOrTicketId) { return position(of: number) }
            return UUIDValue(idOrTicketId).flatMap(position(of:))
        }

        func position(of number: TicketNumber) -> Int? {
            byNumber.find(hash: number.indexHash) { tickets[$0]?.number == number }
        }

        func position(of uuid: UUIDValue) -> Int? {
            byUUID.find(hash: uuid.indexHash) { tickets[$0]?.uuid == uuid }
        }

        /// Appends a ticket whose number and uuid are new, and indexes it.
        mutating func append(_ ticket: Ticket) {
            tickets.append(ticket)
            let position = tickets.count - 1
            byNumber.insert(position, hash: ticket.number.indexHash)
            byUUID.insert(position, hash: ticket.uuid.indexHash)
        }

        mutating func intern(_ name: String) -> String {
            if name == recentNames.0 { return recentNames.0 }
            if name == recentNames.1 { return recentNames.1 }
            let interned: String
            if let existing = names.firstIndex(of: name) {
                interned = names[existing]
            } else {
                names.insert(name)
                interned = name
            }
            recentNames = (recentNames.1, interned)
            return interned
        }
    }

    let tables = Mutex(Tables())
    /// Detail answers by ticket version: pollers ask for the same ticket again and again, and it
    /// is the largest answer. A change makes a new version, so an entry is never stale.
    let renderedDetails = BoundedCache<TicketVersion, [UInt8]>()
}

/// `Ticket.serial` and `Ticket.revision`: one version of one ticket of a partition.
struct TicketVersion: Hashable, Sendable {
    var serial: UInt32
    var revision: UInt32
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

    /// `CM`/`PM` + `yyyyMMddHHmmss` + 10 digits, unique in the namespace.
    /// `time` is the creation time, read once before the lock is taken.
    func newNumber(kind: TicketKind, at time: Int64, namespace: String, taken: (TicketNumber) -> Bool) -> TicketNumber {
        let stamp = Self.stamp(Timestamp(milliseconds: time).civil(utcOffsetSeconds: Self.shanghai))
        while true {
            let number = TicketNumber(kind: kind, stamp: stamp, suffix: context.ids.next(namespace, below: 10_000_000_000))
            if !taken(number) { return number }
        }
    }

    /// `yyyyMMddHHmmss` as a number, computed rather than formatted and parsed back (every create).
    static func stamp(_ civil: CivilTime) -> UInt64 {
        guard civil.year >= 0 else { return 0 }
        let date = (civil.year * 100 + civil.month) * 100 + civil.day
        return UInt64(((date * 100 + civil.hour) * 100 + civil.minute) * 100 + civil.second)
    }

    /// `context.ids.uuid(namespace)` as its 128 bits, without spelling and parsing it back.
    func newUUID(_ namespace: String) -> UUIDValue {
        let bits = context.ids.uuidBits(namespace)
        return UUIDValue(high: bits.high, low: bits.low)
    }

    /// `IM` + `yyyyMMddHHmmss` + 10 digits for incidents.
    func newIncidentNumber(namespace: String, taken: (String) -> Bool) -> String {
        while true {
            let number = "IM" + newNumber(kind: .change, at: now, namespace: namespace) { _ in false }.text.dropFirst(2)
            if !taken(number) { return number }
        }
    }

    func create(
        kind: TicketKind, fields: FieldPack, creator: String, domainId: String,
        namespace: String
    ) -> Ticket {
        let startRule = kind == .change ? CreateRules.startProcess.change : CreateRules.startProcess.issue
        let start = fields.value(rule: startRule) != .bool(false)
        let initial: TicketState =
            switch kind {
            case .change: .change(start ? .approve : .draft)
            case .issue: .issue(start ? .unaccepted : .draft)
            }
        let partition = state(namespace)
        let time = now
        return partition.tables.withLock { t in
            let number = newNumber(kind: kind, at: time, namespace: namespace) { t.position(of: $0) != nil }
            var uuid = newUUID(namespace)
            while t.position(of: uuid) != nil { uuid = newUUID(namespace) }
            let ticket = Ticket(
                number: number, uuid: uuid, state: initial, isStartProcess: start,
                fields: fields, creator: t.intern(creator),
                domainId: t.intern(domainId), assignee: "", createTime: time, updateTime: time,
                serial: UInt32(truncatingIfNeeded: t.tickets.count))
            t.append(ticket)
            return ticket
        }
    }

    func ticket(_ id: String, namespace: String) -> Ticket? {
        state(namespace).tables.withLock { t in t.key(for: id).flatMap { t.tickets[$0] } }
    }

    /// The ticket and its detail (huawei-coc.md §6.2) as bytes, rendered once per version. One
    /// partition serves both, so a reset in between cannot pair a ticket with another's bytes.
    func detail(_ id: String, namespace: String) -> (ticket: Ticket, bytes: [UInt8])? {
        let partition = state(namespace)
        guard let ticket = partition.tables.withLock({ t in t.key(for: id).flatMap { t.tickets[$0] } }) else { return nil }
        let version = TicketVersion(serial: ticket.serial, revision: ticket.revision)
        let bytes = partition.renderedDetails.value(for: version) { _ in
            var out = JSONStream(capacity: 8192)
            ticket.writeDetail(into: &out)
            return out.bytes
        }
        return (ticket, bytes)
    }

    /// Interned, so a million tickets share a handful of creator and domain strings.
    func intern(_ name: String, namespace: String) -> String {
        state(namespace).tables.withLock { $0.intern(name) }
    }

    /// Changes one ticket atomically; the closure may throw and then nothing is kept.
    func modify(
        _ id: String, namespace: String, _ change: (inout Ticket) throws(COCError) -> Void
    ) throws(COCError) -> Ticket {
        try state(namespace).tables.withLock { (t) throws(COCError) -> Ticket in
            guard let key = t.key(for: id), var ticket = t.tickets[key] else { throw COCError.unknownTicket }
            try change(&ticket)
            ticket.revision &+= 1
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
            t.tickets[key] = nil  // its index slots go stale: look-ups skip them
        }
    }

    /// Tickets in creation order (optionally of one kind).
    func tickets(namespace: String, kind: TicketKind? = nil) -> [Ticket] {
        state(namespace).tables.withLock { t in
            t.tickets.compactMap { $0 }.filter { kind == nil || $0.kind == kind }
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
