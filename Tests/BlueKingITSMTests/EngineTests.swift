@testable import BlueKingITSM
import Testing

/// The state machine as values (bk-itsm.md §11), no sockets.
@Suite struct EngineTests {
    func ticket(_ workflow: Workflow, fields: [FieldValue], processors: [Int32: String]? = nil, creator: String = "admin")
        -> Ticket
    {
        Ticket(
            id: 1, sn: SerialNumber(prefix: 0, date: 20240101, counter: 1), serviceId: 17, workflowId: Int32(workflow.id),
            catalogId: 2, title: "t", creator: creator, status: .running, createAt: 0, updateAt: 0, updatedBy: [],
            fields: fields, stateProcessors: (processors ?? [:]).sorted { $0.key < $1.key }.map(StateProcessor.init))
    }

    var builtinFields: [FieldValue] {
        [
            FieldValue(fieldId: 1701, value: "t"), FieldValue(fieldId: 1702, value: "admin,zhangsan"),
            FieldValue(fieldId: 1703, value: "c"),
        ]
    }

    // §6.4: submission finished, approval node RUNNING with APPROVER as processors.
    @Test func startEntersTheApprovalNode() {
        var t = ticket(Builtins.builtinApproval, fields: builtinFields)
        let effects = t.start(workflow: Builtins.builtinApproval)
        #expect(t.nodes.map(\.stateId) == [406, 407])
        #expect(t.nodes[0].status == .finished)
        #expect(t.nodes[1].status == .running)
        #expect(t.nodes[1].processors == "admin,zhangsan")
        #expect(!effects.callback)
        #expect(effects.nodesEntered.map(\.id) == [407])
    }

    // §11.8: state_processors override, as PERSON.
    @Test func stateProcessorsOverride() {
        var t = ticket(Builtins.builtinApproval, fields: builtinFields, processors: [407: "lisi"])
        _ = t.start(workflow: Builtins.builtinApproval)
        #expect(t.nodes[1].processors == "lisi")
        #expect(t.nodes[1].processorsType == "PERSON")
    }

    // §11.5: or-sign, first "true" finishes FINISHED with approve_result true; callback fires.
    @Test func orSignApproval() {
        var t = ticket(Builtins.builtinApproval, fields: builtinFields)
        _ = t.start(workflow: Builtins.builtinApproval)
        let effects = t.submit(
            node: 1, by: "zhangsan", result: true, remark: "", values: [], workflow: Builtins.builtinApproval, at: 5)
        #expect(t.status == .finished)
        #expect(t.approveResult)
        #expect(effects.callback)
        #expect(t.endAt == 5)
    }

    // §11.5: rejection still ends FINISHED with approve_result false.
    @Test func rejectionFinishes() {
        var t = ticket(Builtins.builtinApproval, fields: builtinFields)
        _ = t.start(workflow: Builtins.builtinApproval)
        _ = t.submit(node: 1, by: "admin", result: false, remark: "no", values: [], workflow: Builtins.builtinApproval, at: 5)
        #expect(t.status == .finished)
        #expect(!t.approveResult)
    }

    // §15.2: the general flow, level one passes, level two (admin) decides.
    @Test func twoLevelFlow() {
        let flow = Builtins.generalApproval
        var t = ticket(flow, fields: [FieldValue(fieldId: 39, value: "t"), FieldValue(fieldId: 44, value: "lisi")])
        _ = t.start(workflow: flow)
        #expect(t.nodes.last?.stateId == 24)
        _ = t.submit(node: 1, by: "lisi", result: true, remark: "", values: [], workflow: flow, at: 1)
        #expect(t.nodes.last?.stateId == 25)
        #expect(t.nodes.last?.processors == "admin")
        #expect(t.status == .running)
        _ = t.submit(node: 2, by: "admin", result: true, remark: "", values: [], workflow: flow, at: 2)
        #expect(t.status == .finished)
        #expect(t.approveResult)
    }

    // §15.2: a first-level rejection ends the ticket at once.
    @Test func firstLevelRejectionEnds() {
        let flow = Builtins.generalApproval
        var t = ticket(flow, fields: [FieldValue(fieldId: 44, value: "lisi")])
        _ = t.start(workflow: flow)
        _ = t.submit(node: 1, by: "lisi", result: false, remark: "x", values: [], workflow: flow, at: 1)
        #expect(t.status == .finished)
        #expect(t.nodes.count == 2)
        #expect(!t.approveResult)
    }

    // §11.5: and-sign waits for every processor.
    @Test func andSign() {
        var flow = Builtins.builtinApproval
        flow.states[2].isMulti = true
        var t = ticket(flow, fields: builtinFields)
        _ = t.start(workflow: flow)
        _ = t.submit(node: 1, by: "admin", result: true, remark: "", values: [], workflow: flow, at: 1)
        #expect(t.status == .running)
        #expect(!t.nodeCanOperate(t.nodes[1], user: "admin", action: "TRANSITION", workflow: flow))
        _ = t.submit(node: 1, by: "zhangsan", result: true, remark: "", values: [], workflow: flow, at: 2)
        #expect(t.status == .finished)
    }

    // §11.4, §11.7: suspend twice leaves the ticket suspended for good.
    @Test func suspendQuirk() {
        var t = ticket(Builtins.builtinApproval, fields: builtinFields)
        _ = t.start(workflow: Builtins.builtinApproval)
        _ = t.suspend(by: "admin", message: "a", at: 1)
        _ = t.suspend(by: "admin", message: "b", at: 2)
        _ = t.unsuspend(by: "admin", at: 3)
        #expect(t.status == .suspended)
    }

    // §11.4: withdraw → REVOKED, running nodes TERMINATED, callback; approve_result false.
    @Test func withdraw() {
        var t = ticket(Builtins.builtinApproval, fields: builtinFields)
        _ = t.start(workflow: Builtins.builtinApproval)
        #expect(t.canWithdraw)
        let effects = t.withdraw(by: "admin", at: 1)
        #expect(t.status == .revoked)
        #expect(t.nodes[1].status == .terminated)
        #expect(effects.callback)
        #expect(!t.approveResult)
        #expect(t.currentNodes.isEmpty)
    }

    // §8.2 step 4: the creator alone cannot operate; processors and managers can.
    @Test func canOperate() {
        var t = ticket(Builtins.builtinApproval, fields: builtinFields, processors: [407: "zhangsan"], creator: "wangwu")
        _ = t.start(workflow: Builtins.builtinApproval)
        #expect(!t.canOperate("wangwu"))
        #expect(t.canOperate("zhangsan"))
        #expect(t.canOperate("admin"))
    }

    // §13: sn format and round trip.
    @Test func serialNumbers() {
        let sn = SerialNumber(prefix: 0, date: 20240101, counter: 1)
        #expect(sn.text == "REQ20240101000001")
        #expect(SerialNumber(text: "REQ20240101000001") == sn)
        #expect(SerialNumber(text: "CRQ20240101001234")?.prefix == "CRQ")
        #expect(SerialNumber(text: "REQ2024010100001") == nil)
        #expect(SerialNumber(text: "XYZ20240101000001") == nil)
    }
}

/// Processor lists (bk-itsm.md §6.2 step 4, §11): split on commas, blanks trimmed, empties dropped;
/// the ASCII fast path must agree with the Character rules.
@Suite struct CleanListTests {
    @Test(arguments: [
        ("admin,zhangsan", "admin,zhangsan"), (" a , b ,, c ", "a,b,c"), ("", ""), (" , ,", ""), (",x,", "x"),
        ("a b, c", "a b,c"), ("张三, 李四 ,", "张三,李四"), ("e\u{301}, a", "e\u{301},a"), ("\r\n,a", "\r\n,a"),
        // Already clean, kept as they are; and the near misses the clean check must refuse.
        ("张三,李四", "张三,李四"), ("a,\u{301}b", "a,\u{301}b"), (",\u{301}", ",\u{301}"), ("a,,b", "a,b"), ("a,", "a"),
        (",", ""), ("a ", "a"),
        // Over 15 UTF-8 bytes (kept on the heap, not in the String itself): clean, and not.
        ("zhangsan,lisi,wangwu", "zhangsan,lisi,wangwu"), ("zhangsan,lisi,wangwu,", "zhangsan,lisi,wangwu"),
        ("zhangsan, lisi,wangwu", "zhangsan,lisi,wangwu"), ("张三,李四,王五,赵六", "张三,李四,王五,赵六"),
    ])
    func cleanList(text: String, expected: String) {
        #expect(Ticket.cleanList(text) == expected)
        let characterRules = text.split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        #expect(Ticket.cleanList(text) == characterRules.joined(separator: ","))
        if Ticket.isCleanList(text) { #expect(Ticket.cleanList(text) == text) }
    }
}

/// The byte-level sn parser accepts exactly the texts `text` spells (bk-itsm.md §13).
@Suite struct SerialNumberTextTests {
    @Test func parsesWhatItSpellsAndNothingElse() {
        for counter in [1, 9, 10, 99_999, 100_000, 999_999, 1_000_000, 123_456_789, Int(UInt32.max)] {
            for prefix in 0..<4 {
                let sn = SerialNumber(prefix: prefix, date: 20_261_124, counter: counter)
                #expect(SerialNumber(text: sn.text) == sn, "\(sn.text)")
            }
        }
        #expect(SerialNumber(prefix: 2, date: 20_240_101, counter: 1_234).text == "CRQ20240101001234")
        for bad in [
            "REQ2024010100001", "REQ02024010000001", "REQ202401010000001", "XYZ20240101000001", "REQ20240101-00001",
            "REQ20240101+00001", "REQ2024010104294967296", "REQ20240101 000001", "req20240101000001", "",
        ] {
            #expect(SerialNumber(text: bad) == nil, "\(bad)")
        }
    }
}
