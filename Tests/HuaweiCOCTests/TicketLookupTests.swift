import MockCore
import Testing

@testable import HuaweiCOC

/// The open-addressing indexes behind look-ups by `ticket_id` and by uuid (huawei-coc.md §3.1:
/// both ids find a ticket).
@Suite struct TicketLookupTests {
    func created(_ count: Int, namespace: String = "index") throws -> (COCModel, [Ticket]) {
        let model = COCModel(context: COCHarness().context)
        let fields = try CreateRules.validate(JSONTape.parse(Bodies.change.jsonBytes), kind: .change)
        let tickets = (0..<count).map { _ in
            model.create(kind: .change, fields: fields, creator: "c", domainId: "d", namespace: namespace)
        }
        return (model, tickets)
    }

    /// Through several growths every ticket is found by both ids, and unknown ids are not.
    @Test func findsEveryTicketByBothIds() throws {
        let (model, tickets) = try created(3_000)
        for ticket in tickets {
            #expect(model.ticket(ticket.ticketId, namespace: "index")?.uuid == ticket.uuid)
            #expect(model.ticket(ticket.id, namespace: "index")?.number == ticket.number)
        }
        #expect(model.ticket("CM20000101000000" + "0000000000", namespace: "index") == nil)
        #expect(model.ticket("00000000-0000-4000-8000-000000000000", namespace: "index") == nil)
        #expect(Set(tickets.map(\.ticketId)).count == tickets.count)
    }

    /// A deleted ticket's slots go stale: it is no longer found, the others still are, also
    /// after the table grows.
    @Test func deletedTicketsAreSkippedThroughGrowth() throws {
        let (model, tickets) = try created(40)
        let gone = tickets[7]
        model.state("index").tables.withLock { $0.tickets[7] = nil }
        #expect(model.ticket(gone.ticketId, namespace: "index") == nil)
        #expect(model.ticket(gone.id, namespace: "index") == nil)
        let fields = try CreateRules.validate(JSONTape.parse(Bodies.change.jsonBytes), kind: .change)
        let later = (0..<200).map { _ in
            model.create(kind: .change, fields: fields, creator: "c", domainId: "d", namespace: "index")
        }
        for ticket in tickets.filter({ $0.number != gone.number }) + later {
            #expect(model.ticket(ticket.ticketId, namespace: "index")?.uuid == ticket.uuid)
        }
        #expect(model.ticket(gone.ticketId, namespace: "index") == nil)
    }

    /// Ids parse only in their exact forms (huawei-coc.md §8).
    @Test func idTextsRoundTrip() throws {
        let (_, tickets) = try created(50)
        for ticket in tickets {
            #expect(TicketNumber(ticket.ticketId) == ticket.number)
            #expect(UUIDValue(ticket.id) == ticket.uuid)
        }
        for bad in [
            "cm202611240111220803664963", "CM20261124011122080366496", "CX202611240111220803664963", "CM2026112401112208036649a3",
        ] {
            #expect(TicketNumber(bad) == nil)
        }
        #expect(UUIDValue("0123456789abcdef0123456789abcdef0123") == nil)
        #expect(UUIDValue("01234567-89AB-cdef-0123-456789abcdef") == nil)
        #expect(UUIDValue("01234567-89ab-cdef-0123-456789abcdef")?.text == "01234567-89ab-cdef-0123-456789abcdef")
    }
}
