/// The ticket state machine (bk-itsm.md §11) as mutations of a `Ticket` value. No HTTP, no I/O:
/// each step reports what the caller must do afterwards (callback, events).
struct Effects: Sendable {
    /// The ticket reached FINISHED, TERMINATED or REVOKED: the callback fires (§12.1).
    var callback = false
    var statusesReached: Few<String> = []
    var nodesEntered: Few<(id: Int, name: String)> = []
}

/// A list whose first entry is kept inline: a step's effects list one status or one node nearly
/// always, and an array would allocate (and free) a block for each on every create.
struct Few<Element> {
    private var first: Element?
    private var rest: [Element] = []

    var isEmpty: Bool { first == nil }

    mutating func append(_ element: Element) {
        if first == nil { first = element } else { rest.append(element) }
    }
}

extension Few: Sendable where Element: Sendable {}

extension Few: ExpressibleByArrayLiteral {
    init(arrayLiteral elements: Element...) {
        for element in elements { append(element) }
    }
}

extension Few: Sequence {
    struct Iterator: IteratorProtocol {
        fileprivate let list: Few
        fileprivate var position = 0

        mutating func next() -> Element? {
            defer { position += 1 }
            if position == 0 { return list.first }
            return position <= list.rest.count ? list.rest[position - 1] : nil
        }
    }

    func makeIterator() -> Iterator { Iterator(list: self) }
    var underestimatedCount: Int { first == nil ? 0 : 1 + rest.count }
}

extension Ticket {
    /// Create-time start (§6.4), at `createAt`: the submission node is done by the creator, the
    /// next state entered.
    mutating func start(workflow: Workflow) -> Effects {
        var effects = Effects()
        guard let submission = workflow.submissionPosition.map({ Int32(workflow.states[$0].id) }) else {
            openLog(submission: nil)
            return effects
        }
        openLog(submission: submission)
        // Room for the node entered next too: one allocation.
        nodes.reserveCapacity(nodes.count + 2)
        nodes.append(
            Node(
                stateId: submission, status: .finished, action: .transition, processors: creator, processorsType: "PERSON",
                values: fields, updatedAt: createAt))
        touch(creator, at: createAt)
        effects.statusesReached.append(status.text)
        advance(from: Int(submission), result: nil, workflow: workflow, at: createAt, effects: &effects)
        return effects
    }

    /// Follows the transition out of `from` and enters the next state.
    mutating func advance(from: Int, result: String?, workflow: Workflow, at time: Int64, effects: inout Effects) {
        guard let next = workflow.next(after: from, result: result) else { return }
        enter(next, workflow: workflow, at: time, effects: &effects)
    }

    mutating func enter(_ state: StateDef, workflow: Workflow, at time: Int64, effects: inout Effects) {
        switch state.type {
        case .end:
            finish(as: .finished, at: time, effects: &effects)
        case .start:
            advance(from: state.id, result: nil, workflow: workflow, at: time, effects: &effects)
        case .normal, .approval, .sign:
            let (processors, type) = resolveProcessors(state, workflow: workflow)
            var status = NodeStatus.running
            var action = NodeAction.transition
            switch state.distributeType {
            case "CLAIM_THEN_PROCESS" where processors.split(separator: ",").count != 1:
                (status, action) = (.receiving, .claim)
            case "DISTRIBUTE_THEN_PROCESS", "DISTRIBUTE_THEN_CLAIM":
                (status, action) = (.distributing, .distribute)
            default: break
            }
            nodes.append(
                Node(
                    stateId: Int32(state.id), status: status, action: action, processors: processors,
                    processorsType: type, updatedAt: time))
            effects.nodesEntered.append((state.id, state.name))
        }
    }

    /// `update_state_before_enter` (§11.8): the override, else the state's processors.
    func resolveProcessors(_ state: StateDef, workflow: Workflow) -> (String, String) {
        if state.distributeType == "PROCESS", let override = processorsOverride(state.id) {
            return (Self.cleanList(override), "PERSON")
        }
        switch state.processorsType {
        case "VARIABLE":
            let field = workflow.fields.first { $0.key == state.processors }
            return (Self.cleanList(field.flatMap { value($0.id) } ?? ""), "PERSON")
        case "STARTER": return (creator, "PERSON")
        case "OPEN": return ("", "OPEN")
        default: return (Self.cleanList(state.processors), state.processorsType)
        }
    }

    static func cleanList(_ text: String) -> String {
        if isCleanList(text) { return text }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }.joined(separator: ",")
        }
        // ASCII: every byte is its own Character, so the same split and trim run over bytes.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for part in text.utf8.split(separator: UInt8(ascii: ",")) {
            guard let first = part.firstIndex(where: { $0 != 0x20 }), let last = part.lastIndex(where: { $0 != 0x20 }) else {
                continue
            }
            if !out.isEmpty { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: part[first...last])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `cleanList` would give `text` back: no space to trim and no empty part (no comma
    /// first, last or twice in a row). Most lists are written so; they are then kept as they are,
    /// without splitting and joining. (A comma byte that is not a Character of its own, followed
    /// by a combining mark, only makes fewer parts, so the answer holds for any text.)
    static func isCleanList(_ text: String) -> Bool {
        // Read in place (a small string from a copy on the stack): byte by byte through the
        // String's view costs several times more.
        text.utf8.withContiguousStorageIfAvailable(isCleanList) ?? isCleanList(Array(text.utf8))
    }

    private static func isCleanList(_ bytes: some Collection<UInt8>) -> Bool {
        var previous = UInt8(ascii: ",")
        for byte in bytes {
            if byte == 0x20 || (byte == UInt8(ascii: ",") && previous == UInt8(ascii: ",")) { return false }
            previous = byte
        }
        return bytes.isEmpty || previous != UInt8(ascii: ",")
    }

    /// `set_finished` (§11.6) and `close` (§11.4): the ticket is over; the callback fires.
    mutating func finish(as final: TicketStatus, at time: Int64, effects: inout Effects) {
        status = final
        endAt = time
        updateAt = time
        if final == .finished { log(LogEntry(kind: .ended, operator: "", stateId: 0, at: time)) }
        for index in nodes.indices where !nodes[index].status.isStopped {
            nodes[index].status = .terminated
        }
        effects.callback = true
        effects.statusesReached.append(final.text)
    }

    /// One processor submits a node (operate_node TRANSITION, approve, proceed_approval; §11.5).
    /// `result` is the APPROVE_RESULT value on approval nodes, nil on normal nodes.
    mutating func submit(
        node index: Int, by user: String, result: Bool?, remark: String, values: [FieldValue], workflow: Workflow,
        at time: Int64
    ) -> Effects {
        var effects = Effects()
        let stateId = Int(nodes[index].stateId)
        guard let state = workflow.state(stateId) else { return effects }
        nodes[index].values += values
        nodes[index].updatedAt = time
        touch(user, at: time)
        for value in values {
            if let existing = fields.firstIndex(where: { $0.fieldId == value.fieldId }) {
                fields[existing].value = value.value
            } else {
                fields.append(value)
            }
        }
        guard state.type.isApproval, let result else {
            log(LogEntry(kind: .processed, operator: user, stateId: Int32(stateId), at: time))
            nodes[index].status = .finished
            advance(from: stateId, result: nil, workflow: workflow, at: time, effects: &effects)
            return effects
        }
        nodes[index].signs.append(SignTask(processor: user, result: result, remark: remark))
        log(LogEntry(kind: result ? .approved : .rejected, operator: user, stateId: Int32(stateId), at: time))
        let node = nodes[index]
        let pending = node.processorList.filter { !node.hasSigned($0) }
        let finished = state.isMulti ? pending.isEmpty : true
        guard finished else { return effects }
        let nodeResult = node.signs.allSatisfy(\.result)
        nodes[index].status = .finished
        nodes[index].approveResult = nodeResult
        if !nodeResult && state.terminateWhenRejected {
            finish(as: .terminated, at: time, effects: &effects)
        } else {
            advance(from: stateId, result: nodeResult ? "true" : "false", workflow: workflow, at: time, effects: &effects)
        }
        return effects
    }

    // MARK: operate_ticket (§11.4)

    mutating func suspend(by user: String, message: String, at time: Int64) -> Effects {
        preStatus = status
        status = .suspended
        touch(user, at: time)
        log(LogEntry(kind: .suspended, operator: user, stateId: 0, at: time, detail: message))
        return Effects(statusesReached: ["SUSPENDED"])
    }

    mutating func unsuspend(by user: String, at time: Int64) -> Effects {
        status = preStatus ?? .running
        touch(user, at: time)
        log(LogEntry(kind: .resumed, operator: user, stateId: 0, at: time))
        return Effects(statusesReached: [status.text])
    }

    mutating func withdraw(by user: String, at time: Int64) -> Effects {
        var effects = Effects()
        touch(user, at: time)
        log(LogEntry(kind: .withdrawn, operator: user, stateId: 0, at: time))
        finish(as: .revoked, at: time, effects: &effects)
        return effects
    }

    mutating func terminate(by user: String, at time: Int64) -> Effects {
        var effects = Effects()
        touch(user, at: time)
        log(LogEntry(kind: .closed, operator: user, stateId: 0, at: time))
        finish(as: .terminated, at: time, effects: &effects)
        return effects
    }

    /// operate_node TERMINATE, the intended behaviour (§9.4).
    mutating func terminateNode(_ index: Int, by user: String, at time: Int64) -> Effects {
        var effects = Effects()
        nodes[index].status = .terminated
        touch(user, at: time)
        log(LogEntry(kind: .terminatedNode, operator: user, stateId: nodes[index].stateId, at: time))
        finish(as: .terminated, at: time, effects: &effects)
        return effects
    }

    mutating func claim(_ index: Int, by user: String, at time: Int64) {
        nodes[index].processors = user
        nodes[index].processorsType = "PERSON"
        nodes[index].status = .running
        nodes[index].action = .transition
        touch(user, at: time)
        log(LogEntry(kind: .claimed, operator: user, stateId: nodes[index].stateId, at: time))
    }

    mutating func reassign(_ index: Int, to processors: String, type: String, by user: String, deliver: Bool, at time: Int64) {
        nodes[index].processors = Self.cleanList(processors)
        nodes[index].processorsType = type
        if !deliver {
            let single = nodes[index].processorList.count == 1
            nodes[index].status = single ? .running : .receiving
            nodes[index].action = single ? .transition : .claim
        }
        touch(user, at: time)
        log(
            LogEntry(
                kind: deliver ? .delivered : .distributed, operator: user, stateId: nodes[index].stateId, at: time,
                detail: processors))
    }

    // MARK: permissions

    /// `can_withdraw` with revoke type FIRST (§11.4): only the submission node has stopped.
    var canWithdraw: Bool {
        guard !status.isOver else { return false }
        var stopped = 0
        for index in nodes.indices where nodes[index].status.isStopped {
            stopped += 1
            if stopped > 1 { return false }
        }
        return true
    }

    /// `Ticket.can_operate` (§8.2 step 4): managers, or a current processor; the creator alone does not qualify.
    func canOperate(_ user: String) -> Bool {
        Identity.ticketManagers.contains(user) || currentProcessors.contains(user)
            || currentNodes.contains { $0.processorsType == "OPEN" }
    }

    /// `Status.can_operate` (§9.4 step 2).
    func nodeCanOperate(_ node: Node, user: String, action: String?, workflow: Workflow) -> Bool {
        let type = workflow.state(Int(node.stateId))?.type ?? .normal
        if type.isApproval {
            return node.processorList.contains(user) && !node.hasSigned(user)
        }
        if node.processorsType == "OPEN" { return true }
        guard !node.status.isStopped, node.processorList.contains(user) else { return false }
        guard let action else { return true }
        switch node.status {
        case .running: return ["TRANSITION", "DELIVER", "SUSPEND", "TERMINATE"].contains(action)
        case .receiving: return action == "CLAIM"
        case .distributing: return action == "DISTRIBUTE"
        case .suspend: return action == "UNSUSPEND"
        default: return false
        }
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var text = self
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
