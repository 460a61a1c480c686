@testable import BlueKingITSM
import Testing

/// What a ticket keeps compactly (the opening log lines, `updated_by`, the state processors, the
/// rarely set parts) reads back exactly as it was given.
@Suite struct TicketStorageTests {
    func ticket(
        _ workflow: Workflow = Builtins.builtinApproval, creator: String = "admin", createAt: Int64 = 7,
        updatedBy: [String] = [], callback: CallbackTarget? = nil, processors: [Int32: String]? = nil,
        projectKey: String = "0"
    ) -> Ticket {
        Ticket(
            id: 1, sn: SerialNumber(prefix: 0, date: 20240101, counter: 1), serviceId: 17, workflowId: Int32(workflow.id),
            catalogId: 2, title: "测试内置审批", creator: creator, status: .running, createAt: createAt, updateAt: createAt,
            updatedBy: updatedBy,
            fields: [
                FieldValue(fieldId: 1701, value: "t"), FieldValue(fieldId: 1702, value: "admin,zhangsan"),
                FieldValue(fieldId: 1703, value: "c"),
            ], callback: callback, stateProcessors: (processors ?? [:]).sorted { $0.key < $1.key }.map(StateProcessor.init),
            projectKey: projectKey)
    }

    // MARK: logs

    @Test func logsOpenWithTheStartAndTheCreatorsSubmissionAtCreateAt() {
        var t = ticket(creator: "wangwu", createAt: 7)
        #expect(t.logs.isEmpty)
        _ = t.start(workflow: Builtins.builtinApproval)
        #expect(
            t.logs == [
                LogEntry(kind: .started, operator: "", stateId: 0, at: 7),
                LogEntry(kind: .submitted, operator: "wangwu", stateId: 406, at: 7),
            ])
        #expect(t.nodes[0].updatedAt == 7)
        _ = t.submit(node: 1, by: "zhangsan", result: true, remark: "", values: [], workflow: Builtins.builtinApproval, at: 9)
        #expect(t.logs.map(\.kind) == [.started, .submitted, .approved, .ended])
        #expect(t.logs[2] == LogEntry(kind: .approved, operator: "zhangsan", stateId: 407, at: 9))
    }

    @Test func aWorkflowWithoutSubmissionOpensWithTheStartAlone() {
        let bare = Workflow(
            WorkflowDefinition(
                id: 9, name: "bare", states: [StateDef(id: 1, name: "开始", type: .start)], transitions: [], fields: []))
        var t = ticket(bare, createAt: 3)
        let effects = t.start(workflow: bare)
        #expect(t.logs == [LogEntry(kind: .started, operator: "", stateId: 0, at: 3)])
        #expect(t.nodes.isEmpty)
        #expect(t.updatedBy.isEmpty)
        #expect(effects.statusesReached.isEmpty)
        _ = t.suspend(by: "lisi", message: "等一下", at: 4)
        #expect(t.logs.map(\.kind) == [.started, .suspended])
        #expect(t.logs[1].detail == "等一下")
    }

    // MARK: updated_by

    @Test func theCreatorsSubmissionComesFirstInUpdatedBy() {
        var t = ticket()
        _ = t.start(workflow: Builtins.builtinApproval)
        #expect(t.updatedBy == ["admin"])
        t.touch("zhangsan", at: 8)
        t.touch("admin", at: 9)
        t.touch("", at: 10)
        t.touch("zhangsan", at: 11)
        #expect(t.updatedBy == ["admin", "zhangsan"])
        #expect(t.updateAt == 11)
        #expect(t.wasUpdated(by: "admin") && t.wasUpdated(by: "zhangsan"))
        #expect(!t.wasUpdated(by: "lisi") && !t.wasUpdated(by: ""))
    }

    @Test func aCreatorWhoComesLaterKeepsTheirPlace() {
        var t = ticket(creator: "admin")
        t.touch("zhangsan", at: 8)
        t.touch("admin", at: 9)
        #expect(t.updatedBy == ["zhangsan", "admin"])
        #expect(t.wasUpdated(by: "admin"))
        #expect(ticket(updatedBy: ["b", "admin", "b", ""]).updatedBy == ["b", "admin"])
        #expect(ticket(updatedBy: ["admin", "b"]).updatedBy == ["admin", "b"])
    }

    // MARK: state processors

    @Test func stateProcessorsAreFoundByState() {
        let t = ticket(processors: [407: "lisi", 406: "wangwu,zhaoliu"])
        #expect(t.processorsOverride(407) == "lisi")
        #expect(t.processorsOverride(406) == "wangwu,zhaoliu")
        #expect(t.processorsOverride(408) == nil)
        #expect(ticket().processorsOverride(407) == nil)
        #expect(ticket(processors: [:]).stateProcessors.isEmpty)
    }

    // MARK: rarely set parts

    @Test func rarelySetPartsReadBackAndKeepEachOther() {
        var t = ticket(callback: CallbackTarget(url: "http://x/cb", headers: [HeaderPair(name: "A", value: "b")]))
        #expect(t.comment == nil && t.followers.isEmpty && t.projectKey == "0")
        t.comment = Comment(stars: 4, comments: "好", operator: "admin", at: 12)
        t.followers.append("lisi")
        t.projectKey = "p1"
        #expect(t.comment == Comment(stars: 4, comments: "好", operator: "admin", at: 12))
        #expect(t.followers == ["lisi"])
        #expect(t.projectKey == "p1")
        #expect(t.callback?.url == "http://x/cb")
        #expect(t.callback?.headers == [HeaderPair(name: "A", value: "b")])
        t.callback = nil
        t.followers.removeAll()
        #expect(t.comment?.stars == 4 && t.projectKey == "p1" && t.callback == nil)
        #expect(ticket(projectKey: "p2").projectKey == "p2")
    }

    @Test func aCopyKeepsItsOwnRareParts() {
        var original = ticket()
        let copy = original
        original.comment = Comment(stars: 5, comments: "", operator: "admin", at: 1)
        #expect(copy.comment == nil)
        #expect(original.comment != nil)
    }

    @Test func endAtIsNilUntilTheTicketEnds() {
        var t = ticket()
        #expect(t.endAt == nil)
        t.endAt = 0
        #expect(t.endAt == 0)
        t.endAt = nil
        #expect(t.endAt == nil)
    }

    /// Every byte here is kept once per ticket; a member that undoes the packing fails this.
    @Test func inlineSizes() {
        #expect(MemoryLayout<Ticket>.stride <= 144)
        #expect(MemoryLayout<Node>.stride <= 64)
    }
}

/// `Few`, the effect lists: the first entry inline, the rest in order after it.
@Suite struct FewTests {
    @Test func keepsEveryEntryInOrder() {
        var list: Few<Int> = []
        #expect(list.isEmpty)
        #expect(Array(list).isEmpty)
        list.append(1)
        #expect(!list.isEmpty)
        #expect(Array(list) == [1])
        list.append(2)
        list.append(3)
        #expect(Array(list) == [1, 2, 3])
        #expect(list.underestimatedCount == 3)
        let literal: Few<String> = ["RUNNING", "FINISHED"]
        #expect(Array(literal) == ["RUNNING", "FINISHED"])
        var iterator = literal.makeIterator()
        _ = iterator.next()
        _ = iterator.next()
        #expect(iterator.next() == nil)
        #expect(iterator.next() == nil)
    }

    @Test func finishingOnSubmitReportsBothStatuses() {
        var t = TicketStorageTests().ticket()
        let started = t.start(workflow: Builtins.builtinApproval)
        #expect(Array(started.statusesReached) == ["RUNNING"])
        #expect(started.nodesEntered.map(\.id) == [407])
        let effects = t.submit(
            node: 1, by: "zhangsan", result: true, remark: "", values: [], workflow: Builtins.builtinApproval, at: 9)
        #expect(Array(effects.statusesReached) == ["FINISHED"])
        #expect(effects.nodesEntered.isEmpty)
    }
}
