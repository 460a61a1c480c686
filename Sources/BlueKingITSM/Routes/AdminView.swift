import MockCore

/// The ticket as `/_mock/tickets` shows it and as scenario `where` filters match it.
enum AdminView {
    static func ticket(_ ticket: Ticket, workflow: Workflow?, serviceName: String, presenter: Presenter) -> JSON {
        var fields = JSONObject()
        for value in ticket.fields {
            fields[workflow?.field(Int(value.fieldId))?.key ?? "\(value.fieldId)"] = .string(value.value)
        }
        return [
            "vendor": "bk_itsm", "id": .string(ticket.sn.text), "sn": .string(ticket.sn.text), "ticket_id": JSON(ticket.id),
            "title": .string(ticket.title), "service_id": JSON(Int(ticket.serviceId)), "service_name": .string(serviceName),
            "workflow_id": JSON(Int(ticket.workflowId)), "creator": .string(ticket.creator),
            "current_status": .string(ticket.status.text), "approve_result": .bool(ticket.approveResult),
            "create_at": .string(Presenter.time(ticket.createAt)), "update_at": .string(Presenter.time(ticket.updateAt)),
            "end_at": ticket.endAt.map { .string(Presenter.time($0)) } ?? .null,
            "updated_by": .string(ticket.updatedBy.joined(separator: ",")), "fields": .object(fields),
            "nodes": .array(ticket.nodes.map { node(_: $0, workflow: workflow) }),
            "callback_url": JSON(ticket.callback?.url), "ticket_url": .string(presenter.ticketURL(ticket.id)),
        ]
    }

    static func node(_ node: Node, workflow: Workflow?) -> JSON {
        let state = workflow?.state(Int(node.stateId))
        return [
            "state_id": JSON(Int(node.stateId)), "name": .string(state?.name ?? ""), "type": .string(state?.type.rawValue ?? ""),
            "status": .string(node.status.text), "action_type": .string(node.action.text),
            "processors": .string(node.processors), "processors_type": .string(node.processorsType),
            "approve_result": node.approveResult.map(JSON.bool) ?? .null,
            "signs": .array(
                node.signs.map { ["processor": .string($0.processor), "result": .bool($0.result), "remark": .string($0.remark)] }),
        ]
    }
}

/// Admin and scenario actions (`perform`): act as an approver or processor without field keys.
struct AdminActions: Sendable {
    let backend: Backend
    static let names = ["approve", "reject", "claim", "transition", "terminate", "suspend", "unsuspend", "withdraw"]

    func perform(_ action: JSON, sn: String, namespace: String) throws(ActionError) -> JSON {
        guard let name = action["action"]?.stringValue else { throw ActionError(.invalid, "the body needs an \"action\" name") }
        guard Self.names.contains(name) else {
            throw ActionError(.unknownAction, "unknown action \(name); known: \(Self.names.joined(separator: ", "))")
        }
        let by = action["by"]?.stringValue
        let remark = action["remark"]?.stringValue ?? action["message"]?.stringValue ?? ""
        let stateId = action["state_id"].flatMap(Params.integer)
        do throws(ITSMError) {
            let ticket = try backend.mutate(namespace, sn: sn) { ticket, workflow, time, _ throws(ITSMError) in
                switch name {
                case "suspend", "unsuspend", "withdraw", "terminate":
                    let user = by ?? ticket.creator
                    var params = Params([
                        "operator": .string(user), "action_type": .string(name.uppercased()), "action_message": .string(remark),
                    ])
                    if name == "terminate", stateId == nil { params.object["operator"] = .string(by ?? Identity.systemAccount) }
                    let operation = try OperateValidation.ticketOperation(params, ticket: ticket, workflow: workflow)
                    return Backend.apply(operation, by: params.string("operator") ?? user, to: &ticket, at: time)
                default:
                    let (index, user) = try Self.pick(ticket, stateId: stateId, by: by, workflow: workflow)
                    guard let state = workflow.state(Int(ticket.nodes[index].stateId)) else { throw .stateNotFound }
                    let operation: NodeOperation
                    if name == "claim" {
                        guard ticket.nodes[index].action == .claim else { throw .param(Messages.cannotDistributeOrClaim) }
                        operation = .claim(node: index)
                    } else if state.type.isApproval {
                        let pass = name == "reject" ? false : (action["result"].map { Params.truthy($0) } ?? true)
                        operation = OperateValidation.approvalSubmission(
                            pass, remark: remark.isEmpty && !pass ? "rejected" : remark, node: index, state: state,
                            workflow: workflow)
                    } else {
                        operation = try OperateValidation.submission(
                            Self.filled(action["fields"], state: state, workflow: workflow), node: index, state: state,
                            workflow: workflow)
                    }
                    return Backend.apply(operation, by: user, to: &ticket, workflow: workflow, at: time)
                }
            }
            let workflow = backend.partition(namespace).data.withLock { $0.workflow(of: ticket) }
            return AdminView.ticket(
                ticket, workflow: workflow, serviceName: backend.workflowServiceName(ticket, namespace),
                presenter: backend.presenter)
        } catch .ticketNotFound {
            throw ActionError(.unknownTicket, "no bk_itsm ticket \(sn)")
        } catch {
            throw ActionError(.notAllowed, error.message)
        }
    }

    /// The node to act on (the given state, else the first operable one) and who acts.
    static func pick(_ ticket: Ticket, stateId: Int?, by: String?, workflow: Workflow) throws(ITSMError) -> (Int, String) {
        guard !ticket.status.isOver else { throw .unexpected(.list(Messages.closed)) }
        let candidates = ticket.nodes.indices.filter { ticket.nodes[$0].status.canOperate }
        guard let index = stateId.flatMap({ id in candidates.first { Int(ticket.nodes[$0].stateId) == id } }) ?? candidates.first
        else {
            throw .unexpected(.list("抱歉，没有找到该节点：\(stateId.map(String.init) ?? "")"))
        }
        let node = ticket.nodes[index]
        let pending = node.processorList.filter { !node.hasSigned($0) }
        let user: String
        if let by, by != "first_processor" {
            user = by
        } else {
            user = pending.first ?? node.processorList.first ?? Identity.systemAccount
        }
        let isApproval = workflow.state(Int(node.stateId))?.type.isApproval == true
        if isApproval, !pending.contains(user) {
            throw .operateTicket("单据审批失败，\(user)不是当前节点的审批人，无法审批")
        }
        return (index, user)
    }

    /// Field values for a normal node: the given ones, then a choice or "mock" for each missing required field.
    static func filled(_ given: JSON?, state: StateDef, workflow: Workflow) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        if case .object(let object)? = given {
            for (key, value) in object { pairs.append((key, Params.text(value) ?? value.jsonString)) }
        }
        for def in workflow.fields(of: state.id) where !pairs.contains(where: { $0.key == def.key }) {
            pairs.append((def.key, def.choices.first?.key ?? (def.defaultValue.isEmpty ? "mock" : def.defaultValue)))
        }
        return pairs
    }
}
