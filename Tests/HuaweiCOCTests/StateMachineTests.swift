import MockCore
import Testing

@testable import HuaweiCOC

/// huawei-coc.md §7: the transition tables on plain values (no sockets).
@Suite struct StateMachineTests {
    func ticket(_ kind: TicketKind, _ state: TicketState) -> Ticket {
        Ticket(
            number: TicketNumber(kind: kind, stamp: 20250624115256, suffix: 1),
            uuid: UUIDValue("f9990e23-188f-4979-b5e8-57d265cfc90d")!, state: state, isStartProcess: true, fields: [],
            creator: "creator", domainId: "d", assignee: "", createTime: 0, updateTime: 0)
    }

    func run(_ t: inout Ticket, _ commands: [TicketCommand]) throws(COCError) {
        for command in commands { try t.apply(command, by: "op", at: 1) }
    }

    /// The byte-level number parser: every position checked, bounds of the digit range, a
    /// non-ASCII text of the right byte length, a number cut from a longer text.
    @Test func ticketNumbersParsedInPlace() {
        #expect(TicketNumber("CM000000000000000000000000") == TicketNumber(kind: .change, stamp: 0, suffix: 0))
        #expect(
            TicketNumber("PM999999999999999999999999")
                == TicketNumber(kind: .issue, stamp: 99_999_999_999_999, suffix: 9_999_999_999))
        for bad in [
            "", "CM", "CX202506241152560174680890", "cm202506241152560174680890", "CM20250624115256017468089/",
            "CM:02506241152560174680890", "CM2025062411525601746808900", "CM2025062411525é174680890",
            "CM 202506241152560174680890",
        ] {
            #expect(TicketNumber(bad) == nil, "\(bad)")
        }
        let embedded = "x CM202506241152560174680890"
        #expect(TicketNumber(String(embedded.dropFirst(2)))?.text == "CM202506241152560174680890")
    }

    // §8: ids round-trip through their compact forms.
    @Test func identifiers() {
        #expect(TicketNumber("CM202506241152560174680890")?.text == "CM202506241152560174680890")
        #expect(TicketNumber("PM202506241152560000000007")?.kind == .issue)
        #expect(TicketNumber("XM202506241152560174680890") == nil)
        #expect(TicketNumber("CM2025062411525601746808") == nil)
        #expect(UUIDValue("f9990e23-188f-4979-b5e8-57d265cfc90d")?.text == "f9990e23-188f-4979-b5e8-57d265cfc90d")
        #expect(UUIDValue("F9990E23-188f-4979-b5e8-57d265cfc90d") == nil)
        #expect(UUIDValue("f9990e23188f4979b5e857d265cfc90d") == nil)
        #expect(TicketNumber(kind: .issue, stamp: 20250624115256, suffix: 7).text == "PM202506241152560000000007")
        #expect(TicketNumber(kind: .change, stamp: 0, suffix: 12_345_678_901).text == "CM012345678901")
    }

    // §8: the number's timestamp is the Shanghai civil time, the digits of `compactDateTime`.
    @Test func numberStamp() {
        for iso in ["2025-06-24T03:52:56Z", "1999-12-31T16:00:00Z", "2026-01-01T00:00:09Z"] {
            let civil = Timestamp(iso8601: iso)!.civil(utcOffsetSeconds: COCModel.shanghai)
            #expect(COCModel.stamp(civil) == UInt64(civil.compactDateTime))
        }
        #expect(COCModel.stamp(Timestamp(iso8601: "2025-06-24T03:52:56Z")!.civil(utcOffsetSeconds: 8 * 3600)) == 20250624115256)
    }

    // §7.1 the issue flow.
    @Test func issueFlow() throws {
        var t = ticket(.issue, .issue(.draft))
        try run(&t, [.submit, .accept])
        #expect(t.state == .issue(.handling))
        #expect(t.assignee == "creator")
        try run(&t, [.forward(to: "someone"), .changeLevel("issues_level_1000"), .requestSuspension, .approve(false)])
        #expect(t.state == .issue(.handling))
        #expect(t.assignee == "someone")
        #expect(t.value("level") == .string("issues_level_1000"))
        try run(&t, [.requestSuspension, .approve(true)])
        #expect(t.state == .issue(.suspended))
        try run(&t, [.resume, .solve])
        #expect(t.state == .issue(.solved))
        #expect(t.history.map(\.action).prefix(2) == ["submit", "gocm_issues_accepte"])
        #expect(throws: COCError.notAllowed("gocm_issues_undo_create", "SOLVED")) { try run(&t, [.undo]) }
        #expect(throws: COCError.notAllowed("gocm_issues_handling_forwarding", "SOLVED")) { try run(&t, [.forward(to: "x")]) }
    }

    @Test func issueRejectAndUndo() throws {
        var rejected = ticket(.issue, .issue(.unaccepted))
        #expect(throws: COCError.notAllowed("being_handled_initiate_suspend", "UNACCEPTED")) {
            try run(&rejected, [.requestSuspension])
        }
        try run(&rejected, [.rejectUnaccepted])
        #expect(rejected.state == .issue(.rejected))
        var undone = ticket(.issue, .issue(.handling))
        try run(&undone, [.undo])
        #expect(undone.state == .issue(.canceled))
        var draft = ticket(.issue, .issue(.draft))
        #expect(throws: COCError.notAllowed("gocm_issues_accepte", "DRAFT")) { try run(&draft, [.accept]) }
    }

    // §7.2 the change phases.
    @Test func changeFlow() throws {
        var t = ticket(.change, .change(.draft))
        try run(&t, [.submit, .reject, .resubmit, .approve(true)])
        #expect(t.state == .change(.implement))
        #expect(throws: COCError.notAllowed("change_end_change_success", "phase_change_implemente")) { try run(&t, [.endChange]) }
        #expect(throws: COCError.notAllowed("change_set_change_result_success", "phase_change_implemente")) {
            try run(&t, [.setResult(success: true)])
        }
        try run(&t, [.startChange, .endChange, .setResult(success: true)])
        #expect(t.state == .change(.end))
        #expect(throws: COCError.notAllowed("cancel_process_action", "phase_change_end")) { try run(&t, [.cancel]) }
        try run(&t, [.complete])
        #expect(t.state == .change(.close))
    }

    @Test(arguments: [ChangePhase.draft, .approve, .apply, .implement])
    func changeCancel(from phase: ChangePhase) throws {
        var t = ticket(.change, .change(phase))
        try run(&t, [.cancel])
        #expect(t.state == .change(.cancel))
    }

    // §7.3 the incident flow.
    @Test func incidentFlow() throws {
        var i = Incident(
            id: "u", number: "IM1", status: .triggered, fields: [], lists: [], creator: "c", domainId: "d",
            createTime: 0, updateTime: 0)
        for (command, expected) in [
            (IncidentCommand.accept, IncidentStatus.acknowledged), (.commitSolution, .resolved),
            (.confirm(false), .acknowledged), (.commitSolution, .resolved), (.confirm(true), .completed),
        ] {
            try i.apply(command, by: "op", at: 1, params: [:], extra: [])
            #expect(i.status == expected)
        }
        #expect(throws: COCError.notAllowed("acceptedIncident1", "INCIDENT_STATUS_COMPLETED")) {
            try i.apply(.accept, by: "op", at: 1, params: [:], extra: [])
        }
    }
}
