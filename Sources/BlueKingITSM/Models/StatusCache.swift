import MockCore

/// Everything `Presenter.writeStatus` reads of a ticket, and all it is given of it: a rendered
/// status is reused only while its source compares equal to the ticket as it reads now. So no
/// change (an operation, an approval, a comment, a callback, an admin action, a service update)
/// can be answered with a stale status, and none has to remember to invalidate it. Equal
/// strings and arrays that share storage compare by identity, so the check is cheap.
struct StatusSource: Sendable, Equatable {
    var ticketId: Int
    var status: TicketStatus
    var canWithdraw: Bool
    var isCommented: Bool
    /// `Ticket.currentNodes`, the answer's `current_steps`.
    var steps: [Node]
    /// The catalogue as the ticket's workflow was read from it: a workflow changes only with
    /// the partition's catalogue version, and a reset drops the partition with its renderings.
    var catalogueVersion: Int

    init(_ ticket: Ticket, catalogueVersion: Int) {
        ticketId = ticket.id
        status = ticket.status
        canWithdraw = ticket.canWithdraw
        isCommented = ticket.comment != nil
        steps = ticket.currentNodes
        self.catalogueVersion = catalogueVersion
    }
}

/// get_ticket_status's `data` as bytes, with the source it was written from.
struct RenderedStatus: Sendable {
    var source: StatusSource
    var bytes: [UInt8]
}
