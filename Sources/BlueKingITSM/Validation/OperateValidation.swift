import MockCore

/// What a ticket or node operation will do, once every check passed.
enum TicketOperation: Sendable, Equatable {
    case suspend(message: String), unsuspend, withdraw, terminate
}

enum NodeOperation: Sendable {
    case submit(node: Int, result: Bool?, remark: String, values: [FieldValue])
    case terminate(node: Int)
    case claim(node: Int)
    case distribute(node: Int, processors: String, type: String)
    case deliver(node: Int, processors: String, type: String)
}

/// operate_ticket (§8.2), operate_node (§9.4) and approve (§9.9) checks, in the vendor's order.
/// Every message is a DRF ValidationError that ends as 3900004 with its ErrorDetail repr.
enum OperateValidation {
    static let ticketActions = ["SUSPEND", "UNSUSPEND", "WITHDRAW", "TERMINATE"]
    static let nodeActions = ["TRANSITION", "CLAIM", "DISTRIBUTE", "DELIVER", "TERMINATE"]
    static let processorTypes = [
        "CMDB", "GENERAL", "OPEN", "PERSON", "STARTER", "STARTER_LEADER", "ASSIGN_LEADER", "BY_ASSIGNOR", "EMPTY",
        "ORGANIZATION", "VARIABLE", "VARIABLE_LEADER", "IAM",
    ]

    static func reject(_ message: String) -> ITSMError { .unexpected(.list(message)) }

    /// operate_ticket, §8.2 steps 2–7 (the ticket was found in step 1).
    static func ticketOperation(_ params: Params, ticket: Ticket, workflow: Workflow) throws(ITSMError) -> TicketOperation {
        let action = params.string("action_type") ?? "None"
        guard ticketActions.contains(action) else { throw .unsupportedTicketAction(action) }
        guard let user = params.string("operator") else { throw .unexpected(.fields([.required("operator")])) }
        if action == "WITHDRAW" {
            guard workflow.isRevocable else { throw reject("抱歉，当前流程配置无法撤单，请联系服务负责人") }
            guard user == ticket.creator || user == Identity.systemAccount else {
                throw reject("抱歉，你无权撤销单据，撤销单据的非当前单据的提单人, \(user)!=\(ticket.creator)")
            }
            guard !ticket.status.isOver else { throw reject("抱歉，单据已经结束，无法撤销") }
            guard ticket.canWithdraw else { throw reject("抱歉，单据执行中，无法撤销") }
        } else {
            guard !ticket.status.isOver else { throw reject(Messages.closed) }
            guard ticket.canOperate(user) else { throw reject(Messages.noPermission(user)) }
            if action == "UNSUSPEND", ticket.status != .suspended { throw reject("抱歉，该单据不在挂起中，无法操作") }
        }
        if let message = params.string("action_message"), Params.length(message) > 255 {
            throw .unexpected(.fields([.maxLength("action_message", 255)]))
        }
        guard let message = params.string("action_message") else { throw .unexpected(.keyError("action_message")) }
        switch action {
        case "SUSPEND": return .suspend(message: message)
        case "UNSUSPEND": return .unsuspend
        case "WITHDRAW": return .withdraw
        default: return .terminate
        }
    }

    /// operate_node, §9.4 steps 2–5.
    static func nodeOperation(
        _ params: Params, ticket: Ticket, workflow: Workflow, options: Options = Options()
    ) throws(ITSMError) -> NodeOperation {
        guard let user = params.string("operator") else { throw .unexpected(.fields([.required("operator")])) }
        guard !ticket.status.isOver else { throw reject(Messages.closed) }
        let action = params.string("action_type")
        guard let rawState = params["state_id"], let action else {
            guard ticket.canOperate(user) else { throw reject(Messages.noPermission(user)) }
            var problems: [PyError.FieldProblem] = []
            if params["state_id"] == nil { problems.append(.required("state_id")) }
            if action == nil { problems.append(.required("action_type")) }
            throw .unexpected(.fields(problems))
        }
        let stateText = Params.text(rawState) ?? rawState.jsonString
        guard let stateId = Params.integer(rawState), let index = ticket.nodeIndex(stateId),
            let state = workflow.state(stateId)
        else { throw reject("抱歉，没有找到该节点：\(stateText)") }
        let node = ticket.nodes[index]
        guard node.status != .finished else { throw reject("抱歉，当前节点：\(stateText) 已经结束") }
        guard ticket.nodeCanOperate(node, user: user, action: action, workflow: workflow) else {
            throw reject("抱歉，\(user)不能操作该节点（没有权限或操作类型不支持）")
        }
        switch action {
        case "TRANSITION":
            return try transition(params, node: index, state: state, workflow: workflow)
        case "TERMINATE":
            guard state.isTerminable else { throw reject("指定流程节点【\(state.name)】不支持终止操作.") }
            guard let message = params.string("action_message"), !Params.isBlank(message) else {
                throw reject("请输入终止原因！")
            }
            if options.operateNodeTerminateBug {
                throw .unexpected(.text("terminate() got an unexpected keyword argument 'source'"))
            }
            return .terminate(node: index)
        default:
            return try reassignment(params, action: action, user: user, node: node, index: index, state: state)
        }
    }

    /// `TicketProceedSerializer` + `validate_fields` (§9.4 step 3).
    static func transition(_ params: Params, node index: Int, state: StateDef, workflow: Workflow) throws(ITSMError)
        -> NodeOperation
    {
        guard let raw = params["fields"] else { throw .unexpected(.fields([.required("fields")])) }
        let pairs = try Params.keyValueItems(raw)
        return try submission(pairs, node: index, state: state, workflow: workflow)
    }

    /// The node's fields checked and resolved to values (shared by operate_node, approve and admin).
    static func submission(
        _ pairs: [(key: String, value: String)], node index: Int, state: StateDef, workflow: Workflow
    ) throws(ITSMError) -> NodeOperation {
        let defs = workflow.fields(of: state.id)
        let given = Set(pairs.map(\.key))
        let missing = defs.filter { $0.isRequired && !given.contains($0.key) }.map(\.key)
        if !missing.isEmpty {
            throw .param("单据处理失败，缺少参数：[" + missing.map { PyError.repr($0) }.joined(separator: ", ") + "]")
        }
        var values: [FieldValue] = []
        for pair in pairs {
            guard let def = defs.first(where: { $0.key == pair.key }) else { continue }
            if def.hasChoices, !CreateTicketValidation.choiceMatches(pair.value, def) {
                throw .unexpected(.fields([.invalid("fields", Messages.choiceMismatch(def.name))]))
            }
            values.append(FieldValue(fieldId: Int32(def.id), value: pair.value))
        }
        func value(_ id: Int) -> String { values.last { Int($0.fieldId) == id }?.value ?? "" }
        for def in defs where def.isRequired {
            let hidden = def.hiddenWhen.map { value($0.fieldId) == $0.value } ?? false
            if !hidden && Params.isBlank(value(def.id)) { throw .param(Messages.required(def.name)) }
        }
        var result: Bool?
        var remark = ""
        if state.type.isApproval, let resultField = defs.first(where: \.isApproveResult) {
            result = value(resultField.id) == "true"
            let remarkField = defs.first {
                $0.type == "TEXT" && $0.hiddenWhen?.fieldId == resultField.id && $0.hiddenWhen?.value != value(resultField.id)
            }
            remark = remarkField.map { value($0.id) } ?? ""
        }
        return .submit(node: index, result: result, remark: remark, values: values)
    }

    /// CLAIM / DISTRIBUTE / DELIVER (§9.4 step 5).
    static func reassignment(
        _ params: Params, action: String, user: String, node: Node, index: Int, state: StateDef
    ) throws(ITSMError) -> NodeOperation {
        var problems: [PyError.FieldProblem] = []
        if !nodeActions.contains(action) { problems.append(.invalidChoice("action_type", action)) }
        let processors = params.string("processors")
        if processors == nil { problems.append(.required("processors")) }
        let type = params.string("processors_type")
        if type == nil {
            problems.append(.required("processors_type"))
        } else if let type, !processorTypes.contains(type) {
            problems.append(.invalidChoice("processors_type", type))
        }
        if !problems.isEmpty { throw .unexpected(.fields(problems)) }
        let targets = processors ?? ""
        let targetType = type ?? "PERSON"
        switch action {
        case "CLAIM":
            guard node.action == .claim else { throw .param(Messages.cannotDistributeOrClaim) }
            guard node.processorList.contains(user) else { throw .param("您无法认领该单据") }
            return .claim(node: index)
        case "DISTRIBUTE":
            guard node.action == .distribute else { throw .param(Messages.cannotDistributeOrClaim) }
            return .distribute(node: index, processors: targets, type: targetType)
        case "DELIVER":
            guard state.canDeliver else { throw .param("指定流程节点【\(state.name)】不支持转单操作.") }
            guard node.status == .running else { throw .param("当前任务状态下无法转单.") }
            guard let message = params.string("action_message"), !Params.isBlank(message) else {
                throw .param("转单描述信息不能为空，请重新确认.")
            }
            let list = targets.split(separator: ",").map(String.init)
            if list.contains(where: { node.hasSigned($0) }) { throw .deliver("不允许向已经处理的人转单") }
            return .deliver(node: index, processors: targets, type: targetType)
        default:
            throw .param("节点暂不支持操作：\(action)")
        }
    }

    /// approve / proceed_approval (§9.9): one approver's decision on one approval node.
    static func approval(
        ticket: Ticket, stateId: Int?, approver: String, action: String, remark: String, workflow: Workflow
    ) throws(ITSMError) -> NodeOperation {
        guard ticket.status == .running else { throw .operateTicket("单据审批失败，单据当前状态非RUNNING") }
        guard let stateId, let state = workflow.state(stateId), let index = ticket.nodeIndex(stateId) else {
            throw .stateNotFound
        }
        guard state.type.isApproval else { throw .operateTicket("单据审批失败，目标节点\(state.name)不是审批节点") }
        let node = ticket.nodes[index]
        guard node.status != .finished, node.processorList.contains(approver), !node.hasSigned(approver) else {
            throw .operateTicket("单据审批失败，\(approver)不是当前节点的审批人，无法审批")
        }
        return approvalSubmission(action == "true", remark: remark, node: index, state: state, workflow: workflow)
    }

    /// The approval fields filled in for the caller (approve, proceed_approval, admin actions).
    static func approvalSubmission(_ pass: Bool, remark: String, node index: Int, state: StateDef, workflow: Workflow)
        -> NodeOperation
    {
        let defs = workflow.fields(of: state.id)
        var values: [FieldValue] = []
        if let resultField = defs.first(where: \.isApproveResult) {
            values.append(FieldValue(fieldId: Int32(resultField.id), value: pass ? "true" : "false"))
            let wanted = pass ? "false" : "true"
            if let remarkField = defs.first(where: { $0.hiddenWhen?.fieldId == resultField.id && $0.hiddenWhen?.value == wanted })
            {
                values.append(FieldValue(fieldId: Int32(remarkField.id), value: remark))
            }
        }
        return .submit(node: index, result: state.type.isApproval ? pass : nil, remark: remark, values: values)
    }
}
