import MockCore

/// Everything `Presenter.writeStatus` reads of a ticket, and all it is given of it: the source a
/// kept status answer is checked by (`RenderingCache`), so no change (an operation, an approval,
/// a comment, a callback, an admin action, a service update) is answered with a stale status.
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
