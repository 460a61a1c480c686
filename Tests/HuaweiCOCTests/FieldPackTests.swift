import Testing

@testable import HuaweiCOC

/// The byte form a ticket keeps its validated fields in: every value reads back as it was stored.
@Suite struct FieldPackTests {
    static let fields: [StoredField] = [
        StoredField(rule: 0, value: .string("")),
        StoredField(rule: 1, value: .string(String(repeating: "n", count: 127))),
        StoredField(rule: 2, value: .string(String(repeating: "长", count: 100))),  // 300 bytes: a two-byte length
        StoredField(rule: 3, value: .int(Int64.min)),
        StoredField(rule: 4, value: .bool(false)),
        StoredField(rule: 5, value: .string(String(repeating: "x", count: 20_000))),  // a three-byte length
        StoredField(rule: 6, value: .int(-1)),
        StoredField(rule: 7, value: .bool(true)),
        StoredField(rule: 8, value: .int(Int64.max)),
        StoredField(rule: 9, value: .string("émoji 🎫 and \"quotes\"")),
    ]

    @Test func everyValueReadsBackInOrder() {
        let pack = FieldPack(Self.fields)
        let read = Array(pack)
        #expect(read.map(\.rule) == Self.fields.map(\.rule))
        #expect(read.map(\.value) == Self.fields.map(\.value))
    }

    /// A field is found by its rule past strings, integers and booleans of every length form.
    @Test func looksUpOneRule() {
        let pack = FieldPack(Self.fields)
        for field in Self.fields {
            #expect(pack.value(rule: field.rule) == field.value)
            #expect(pack.contains(rule: field.rule))
        }
        #expect(pack.value(rule: 10) == nil)
        #expect(!pack.contains(rule: 10))
        #expect(FieldPack().value(rule: 0) == nil)
        #expect(FieldPack().isEmpty && !pack.isEmpty)
    }

    /// A copy is a value, and the empty pack reads as no fields.
    @Test func isAValue() {
        let pack: FieldPack = [StoredField(rule: 1, value: .string("one")), StoredField(rule: 2, value: .int(2))]
        var copy = pack
        #expect(Array(copy).map(\.value) == [.string("one"), .int(2)])
        copy = []
        #expect(Array(copy).isEmpty && Array(FieldPack()).isEmpty)
        #expect(Array(pack).map(\.value) == [.string("one"), .int(2)])
    }

    /// Sub-tickets ride in the ticket's pack as sections: its own fields read as before, each
    /// section reads back whole and in order, an empty section stays one.
    @Test func sectionsFollowThePacksOwnFields() {
        let own = FieldPack(Self.fields)
        let first = [StoredField(rule: 2, value: .string("change_scope")), StoredField(rule: 4, value: .int(7))]
        let second = [StoredField(rule: 0, value: .bool(true))]
        let pack = FieldPack(Self.fields, sections: [first, [], second])
        #expect(Array(pack).map(\.value) == Self.fields.map(\.value))
        #expect(pack.value(rule: 2) == Self.fields[2].value)
        #expect(pack.value(rule: 255) == nil)
        let sections = pack.sections
        #expect(sections.count == 3)
        #expect(Array(sections[0]).map(\.value) == [.string("change_scope"), .int(7)])
        #expect(sections[1].isEmpty)
        #expect(Array(sections[2]).map(\.rule) == [0])
        #expect(own.sections.isEmpty && FieldPack([], sections: [first]).sections.count == 1)
        #expect(Array(FieldPack([], sections: [first])).isEmpty)
    }

    /// What PUT records on a sub-ticket is kept beside the pack, the latest per sub-ticket.
    @Test func changeResultsBySubTicket() {
        var ticket = Ticket(
            number: TicketNumber(kind: .change, stamp: 20250624115256, suffix: 1),
            uuid: UUIDValue("f9990e23-188f-4979-b5e8-57d265cfc90d")!, state: .change(.implement), isStartProcess: true,
            fields: FieldPack(
                [], sections: [[StoredField(rule: 2, value: .string("a"))], [StoredField(rule: 2, value: .string("b"))]]),
            creator: "c", domainId: "d", assignee: "", createTime: 0, updateTime: 0)
        #expect(ticket.subTickets.map(\.changeResult) == [nil, nil])
        ticket.recordChangeResult("failed", subTicket: 1)
        ticket.recordChangeResult("success", subTicket: 1)
        ticket.recordChangeResult("success", subTicket: 0)
        #expect(ticket.subTickets.map(\.changeResult) == ["success", "success"])
        #expect(ticket.subTickets.map { $0.fields.value(rule: 2) } == [.string("a"), .string("b")])
        #expect(ticket.changeResults.count == 2)
    }
}
