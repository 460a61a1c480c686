import MockCore

/// The ticket endpoints (bk-itsm.md §6–§9): parse, one backend call, encode.
struct Endpoints: Sendable {
    let backend: Backend
    var presenter: Presenter { backend.presenter }

    /// §6: `{sn, id, ticket_url}`, streamed.
    func createTicket(_ call: Call) throws(ITSMError) -> Answer {
        let created = try backend.createTicket(call.params, user: call.user, namespace: call.namespace)
        return .written { [presenter] in presenter.writeCreated(created, into: &$0) }
    }

    /// Looks a ticket up by `sn` (3900022 when missing or unknown, §7.1) and reads it in place,
    /// under the lock, with the partition it lives in.
    func readTicket<Read>(_ call: Call, in partition: Partition, _ read: (Ticket, PartitionData) -> Read) throws(ITSMError)
        -> Read
    {
        let sn = call.params.string("sn")
        return try Backend.read(partition) { data throws(ITSMError) in
            guard let sn, let index = data.ticket(sn: sn) else { throw .ticketNotFound }
            return read(data.tickets[index], data)
        }
    }

    /// Looks a ticket up by `sn` (`readTicket`) and renders it.
    func withTicket<Rendered>(_ call: Call, _ render: (Ticket, Workflow?) -> Rendered) throws(ITSMError) -> Rendered {
        try readTicket(call, in: backend.partition(call.namespace)) { ticket, data in render(ticket, data.workflow(of: ticket)) }
    }

    /// The most frequent read: written once per state of the ticket and reused while the ticket
    /// reads the same (`StatusSource`); only that source is copied out of the lock.
    func ticketStatus(_ call: Call) throws(ITSMError) -> Answer {
        let partition = backend.partition(call.namespace)
        let source = try readTicket(call, in: partition) { StatusSource($0, catalogueVersion: $1.catalogueVersion) }
        let bytes = try partition.renderedStatuses.bytes(for: source.ticketId, current: source) { () throws(ITSMError) in
            // Read again with the workflow: the rendering must be written from the source it is
            // stored with, and the ticket may have changed since `source` was read.
            let (current, workflow) = try readTicket(call, in: partition) { ticket, data in
                (StatusSource(ticket, catalogueVersion: data.catalogueVersion), data.workflow(of: ticket))
            }
            var out = JSONStream(capacity: 2048)
            presenter.writeStatus(current, workflow: workflow, into: &out)
            return .init(source: current, bytes: out.bytes)
        }
        return .written { $0.raw(bytes) }
    }

    func ticketInfo(_ call: Call) throws(ITSMError) -> JSON {
        try withTicket(call) { presenter.info($0, workflow: $1) }
    }

    func ticketLogs(_ call: Call) throws(ITSMError) -> JSON {
        let complex = call.params.string("show_type") == "complex"
        return try withTicket(call) { presenter.logs($0, workflow: $1, complex: complex) }
    }

    /// §8: `data: []`.
    func operateTicket(_ call: Call) throws(ITSMError) -> JSON {
        try backend.mutate(call.namespace, sn: call.params.string("sn")) { ticket, workflow, time, _ throws(ITSMError) in
            let operation = try OperateValidation.ticketOperation(call.params, ticket: ticket, workflow: workflow)
            return Backend.apply(operation, by: call.params.string("operator") ?? call.user, to: &ticket, at: time)
        }
        return []
    }

    /// §9.4: `data: []`.
    func operateNode(_ call: Call) throws(ITSMError) -> JSON {
        try backend.mutate(call.namespace, sn: call.params.string("sn")) { ticket, workflow, time, options throws(ITSMError) in
            let operation = try OperateValidation.nodeOperation(call.params, ticket: ticket, workflow: workflow, options: options)
            return Backend.apply(
                operation, by: call.params.string("operator") ?? call.user, to: &ticket, workflow: workflow, at: time)
        }
        return []
    }

    /// approve (§9.9): `sn, state_id, approver, action, remark`.
    func approve(_ call: Call) throws(ITSMError) -> JSON {
        let p = call.params
        try decide(
            call, sn: p.string("sn"), state: p["state_id"], approver: p.string("approver") ?? call.user,
            action: p.string("action") ?? "true", remark: p.string("remark") ?? "")
        return []
    }

    /// proceed_approval (§5): the same decision under other names.
    func proceedApproval(_ call: Call) throws(ITSMError) -> JSON {
        let p = call.params
        try decide(
            call, sn: p.string("process_inst_id"), state: p["activity"], approver: p.string("handler") ?? call.user,
            action: p.string("submit_action") ?? "true", remark: p.string("submit_opinion") ?? "")
        return []
    }

    func decide(_ call: Call, sn: String?, state: JSON?, approver: String, action: String, remark: String) throws(ITSMError) {
        try backend.mutate(call.namespace, sn: sn) { ticket, workflow, time, _ throws(ITSMError) in
            let operation = try OperateValidation.approval(
                ticket: ticket, stateId: state.flatMap(Params.integer), approver: approver, action: action, remark: remark,
                workflow: workflow)
            return Backend.apply(operation, by: approver, to: &ticket, workflow: workflow, at: time)
        }
    }

    /// get_approver: `{approver}` of an approval node.
    func approver(_ call: Call) throws(ITSMError) -> JSON {
        let stateId = call.params["state_id"].flatMap(Params.integer)
        return try withTicket(call) { ticket, _ in
            let node = stateId.flatMap { ticket.nodeIndex($0) }.map { ticket.nodes[$0] }
            return ["approver": .string(node?.processors ?? "")]
        }
    }

    /// get_approve_node_result: the node must be FINISHED.
    func approveNodeResult(_ call: Call) throws(ITSMError) -> JSON {
        let stateId = call.params["state_id"].flatMap(Params.integer)
        let rendered: JSON = try withTicket(call) { ticket, workflow in
            guard let stateId, let index = ticket.nodeIndex(stateId), ticket.nodes[index].status == .finished else {
                return .null
            }
            let node = ticket.nodes[index]
            return [
                "name": .string(workflow?.state(stateId)?.name ?? ""),
                "processed_user": .string(node.signs.map(\.processor).joined(separator: ",")),
                "approve_result": .bool(node.approveResult ?? true),
                "approve_remark": .string(node.signs.last?.remark ?? ""),
            ]
        }
        guard !rendered.isNull else { throw .param("节点未结束") }
        return rendered
    }

    /// §9.5: also takes the sns off the callback-failure set.
    func approvalResult(_ call: Call) throws(ITSMError) -> JSON {
        let sns: [String] =
            switch call.params["sn"] {
            case .array(let items)?: items.compactMap { Params.text($0) }
            case let value?: Params.text(value).map { [$0] } ?? []
            case nil: []
            }
        return backend.partition(call.namespace).data.withLock { data in
            data.callbackFailed.removeAll { sns.contains($0.sn) }
            let found = sns.compactMap { data.ticket(sn: $0) }
            return .array(found.map { presenter.approvalResult(data.tickets[$0]) })
        }
    }

    /// §9.6: `{is_passed}`; a bad token is false, never an error.
    func tokenVerify(_ call: Call) throws(ITSMError) -> JSON {
        guard let token = call.params.string("token") else { throw .unexpected(.keyError("token")) }
        return ["is_passed": .bool(CallbackToken().verify(token))]
    }

    /// §9.7: the sns whose callback failed (entries older than 24 h purged lazily).
    func callbackFailed(_ call: Call) throws(ITSMError) -> JSON {
        let now = backend.context.clock.now().seconds
        return backend.partition(call.namespace).data.withLock { data in
            data.purgeCallbackFailures(now: now)
            return JSON(data.callbackFailed.map(\.sn))
        }
    }

    /// §9.8: FINISHED tickets only, once.
    func comment(_ call: Call) throws(ITSMError) -> JSON {
        let p = call.params
        var problems: [PyError.FieldProblem] = []
        let user = p.string("operator")
        if let user, Params.length(user) > 16 { problems.append(.maxLength("operator", 16)) }
        let stars = p["stars"].flatMap(Params.integer)
        if p["stars"] == nil {
            problems.append(.required("stars"))
        } else if let stars {
            if stars < 1 { problems.append(.minValue("stars", 1)) } else if stars > 6 { problems.append(.maxValue("stars", 6)) }
        } else {
            problems.append(.notInteger("stars"))
        }
        if !problems.isEmpty { throw .unexpected(.fields(problems)) }
        try backend.mutate(call.namespace, sn: p.string("sn")) { ticket, _, time, _ throws(ITSMError) in
            guard ticket.status == .finished else { throw .param("单据未结束，不允许评价!") }
            guard ticket.comment == nil else { throw .param("单据已评价，不允许重复评价!") }
            ticket.comment = Comment(
                stars: stars ?? 5, comments: p.string("comments") ?? "", operator: user ?? call.user, at: time)
            return Effects()
        }
        return []
    }

    /// add_follower: `users` ("a,b"), `attention` (bool).
    func addFollower(_ call: Call) throws(ITSMError) -> JSON {
        let users = (call.params.string("users") ?? "").split(separator: ",").map(String.init)
        let attention = call.params["attention"].map { Params.truthy($0) } ?? true
        try backend.mutate(call.namespace, sn: call.params.string("sn")) { ticket, _, _, _ throws(ITSMError) in
            if attention {
                for user in users where !ticket.followers.contains(user) { ticket.followers.append(user) }
            } else {
                ticket.followers.removeAll { users.contains($0) }
            }
            return Effects()
        }
        return []
    }

    /// edit_field: only submission-state fields may change.
    func editField(_ call: Call) throws(ITSMError) -> JSON {
        let pairs = try call.params["fields"].map(Params.keyValueItems) ?? []
        try backend.mutate(call.namespace, sn: call.params.string("sn")) { ticket, workflow, time, _ throws(ITSMError) in
            guard let submission = workflow.submissionState else { throw .param("字段不可编辑") }
            let defs = workflow.fields(of: submission.id)
            var updated = ticket.fields
            for pair in pairs {
                guard let def = defs.first(where: { $0.key == pair.key }) else { throw .param("【\(pair.key)】字段不存在或不可编辑") }
                if let index = updated.firstIndex(where: { Int($0.fieldId) == def.id }) {
                    updated[index].value = pair.value
                } else {
                    updated.append(FieldValue(fieldId: Int32(def.id), value: pair.value))
                }
                if def.key == "title" { ticket.title = pair.value }
            }
            ticket.fields = updated
            ticket.touch(call.params.string("operator") ?? call.user, at: time)
            return Effects()
        }
        return []
    }
}
