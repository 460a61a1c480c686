import MockCore

/// Builds the JSON answers from the compact store values (bk-itsm.md §7.2, §9, §10).
struct Presenter: Sendable {
    let publicURL: String
    /// `FRONTEND_URL = BK_PAAS_HOST + "/o/bk_itsm/"` (§13), without its trailing slash.
    let frontend: String
    /// The two links of get_ticket_status up to the id, as JSON string bytes without the closing
    /// quote: the most frequent read spells both, so only the id's digits are written per answer.
    private let ticketURLStart: [UInt8], iframeURLStart: [UInt8]

    init(publicURL: String) {
        self.publicURL = publicURL
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        frontend = base + "/o/bk_itsm"
        let openString = { (text: String) in Array(JSONWriter.bytes(.string(text)).dropLast()) }
        ticketURLStart = openString(frontend + Self.ticketPath)
        iframeURLStart = openString(frontend + Self.iframePath)
    }

    private static let ticketPath = "/#/ticket/detail?id=", iframePath = "/#/ticket/detail-iframe?id="

    func ticketURL(_ id: Int) -> String { frontend + Self.ticketPath + String(id) }
    func iframeURL(_ id: Int) -> String { frontend + Self.iframePath + String(id) }

    /// A link string: its prerendered start, the id, the closing quote.
    private static func writeLink(_ start: [UInt8], id: Int, into out: inout JSONStream) {
        var bytes = start
        bytes.reserveCapacity(start.count + 21)
        JSONWriter.writeInteger(Int64(id), into: &bytes)
        bytes.append(UInt8(ascii: "\""))
        out.raw(bytes)
    }
    /// `Ticket.ticket_url`, the weixin-style link of the callback (§13).
    func notifyURL(_ id: Int) -> String { frontend + "/weixin/#/ticket/\(id)/" }

    static func time(_ milliseconds: Int64) -> String {
        Timestamp(milliseconds: milliseconds).civil(utcOffsetSeconds: Identity.utcOffset).dateTimeText
    }

    /// Python's `str(datetime)`: microseconds only when non-zero (the callback's `update_at`, §12.2).
    static func pythonTime(_ milliseconds: Int64) -> String {
        let millis = Int(((milliseconds % 1000) + 1000) % 1000)
        guard millis != 0 else { return time(milliseconds) }
        let micros = String(millis * 1000)
        return time(milliseconds) + "." + String(repeating: "0", count: 6 - micros.count) + micros
    }

    static func operation(_ key: String) -> JSON { prerenderedOperation(key).tree }

    /// `{key, name, can_operate}`; the known actions are rendered once.
    static func prerenderedOperation(_ key: String) -> PrerenderedJSON {
        operations[key] ?? PrerenderedJSON(["key": .string(key), "name": .string(key), "can_operate": true])
    }

    static let operations: [String: PrerenderedJSON] = actionNames.reduce(into: [:]) { all, entry in
        all[entry.key] = PrerenderedJSON(["key": .string(entry.key), "name": .string(entry.value), "can_operate": true])
    }

    /// An operation list, its entries handed out by `operations`.
    static func writeOperations<Sink: JSONSink>(into out: inout Sink, _ operations: ((PrerenderedJSON) -> Void) -> Void) {
        out.beginArray()
        operations { out.value($0) }
        out.endArray()
    }

    private static let withdraw = prerenderedOperation("WITHDRAW"), suspend = prerenderedOperation("SUSPEND")
    private static let unsuspend = prerenderedOperation("UNSUSPEND"), deliver = prerenderedOperation("DELIVER")
    private static let terminate = prerenderedOperation("TERMINATE")
    /// By `NodeAction.rawValue`.
    private static let actionOperations = NodeAction.allCases.map { prerenderedOperation($0.text) }

    /// The workflow with its per-state field dicts rendered once.
    static func prepared(_ workflow: Workflow) -> Workflow {
        var copy = workflow
        for state in workflow.states {
            copy.renderedFields[state.id] = PrerenderedJSON(.array(workflow.fields(of: state.id).map(field)))
        }
        return copy
    }

    static let actionNames = [
        "TRANSITION": "提交", "DISTRIBUTE": "分派", "EXCEPTION_DISTRIBUTE": "异常分派", "CLAIM": "认领",
        "AUTOMATIC": "自动执行", "SUSPEND": "挂起", "UNSUSPEND": "恢复", "TERMINATE": "终止", "WITHDRAW": "撤单",
        "DELIVER": "转单",
    ]

    /// Ticket-level operations (§11.3): never TERMINATE. Handed out one by one, rendered once
    /// (no key list and look-ups per answer).
    static func ticketOperations(_ ticket: StatusSource, _ each: (PrerenderedJSON) -> Void) {
        guard !ticket.status.isOver else { return }
        if ticket.canWithdraw { each(withdraw) }
        if ticket.status == .suspended { each(unsuspend) } else if ticket.status == .running { each(suspend) }
    }

    /// Node-level operations (§11.3); `is_paused` never matches, so suspension changes nothing.
    static func nodeOperations(_ node: Node, state: StateDef?, _ each: (PrerenderedJSON) -> Void) {
        each(actionOperations[Int(node.action.rawValue)])
        if node.action == .transition {
            each(suspend)
            if state?.canDeliver == true { each(deliver) }
            if state?.isTerminable == true { each(terminate) }
        }
    }

    /// A workflow field as get_ticket_status shows it (§7.2: the listed keys removed).
    static func field(_ def: FieldDef) -> JSON {
        [
            "id": JSON(def.id), "key": .string(def.key), "type": .string(def.type), "name": .string(def.name),
            "desc": .string(def.desc),
            "choice": .array(def.choices.map { ["key": .string($0.key), "name": .string($0.name)] }),
            "validate_type": .string(def.validateType), "regex": "EMPTY", "custom_regex": "", "meta": def.meta,
            "source_type": "CUSTOM", "source_uri": "", "api_instance_id": 0, "is_readonly": false,
            "state_id": JSON(def.stateId), "workflow_id": JSON(def.workflowId),
        ]
    }

    static func step(_ node: Node, workflow: Workflow?) -> JSON {
        var tree = JSONTreeBuilder()
        writeStep(node, workflow: workflow, into: &tree)
        return tree.result
    }

    static func writeStep<Sink: JSONSink>(_ node: Node, workflow: Workflow?, into out: inout Sink) {
        let state = workflow?.state(Int(node.stateId))
        out.beginObject()
        out.member("name", .string(state?.name ?? ""))
        out.member("state_id", JSON(Int(node.stateId)))
        out.member("status", .string(node.status.text))
        out.member("action_type", .string(node.action.text))
        out.member("tag", "DEFAULT")
        out.member("processors_type", .string(node.processorsType))
        out.member("processors", .string(node.processors))
        out.key("operations")
        writeOperations(into: &out) { nodeOperations(node, state: state, $0) }
        out.key("fields")
        if let rendered = workflow?.renderedFields[Int(node.stateId)] {
            out.value(rendered)
        } else {
            out.value(.array((workflow?.fields(of: Int(node.stateId)) ?? []).map(field)))
        }
        out.endObject()
    }

    /// create_ticket data (§6): `{sn, id, ticket_url}`.
    func writeCreated(_ ticket: Backend.Created, into out: inout JSONStream) {
        out.beginObject()
        out.member("sn", .string(ticket.sn.text))
        out.key("id")
        out.int(Int64(ticket.id))
        out.key("ticket_url")
        Self.writeLink(ticketURLStart, id: ticket.id, into: &out)
        out.endObject()
    }

    /// get_ticket_status data (§7.2), written member by member from only what its source holds
    /// (so a rendering can be reused while the ticket still reads as that source).
    func writeStatus(_ ticket: StatusSource, workflow: Workflow?, into out: inout JSONStream) {
        out.beginObject()
        out.key("ticket_url")
        Self.writeLink(ticketURLStart, id: ticket.ticketId, into: &out)
        out.key("iframe_ticket_url")
        Self.writeLink(iframeURLStart, id: ticket.ticketId, into: &out)
        out.key("operations")
        Self.writeOperations(into: &out) { Self.ticketOperations(ticket, $0) }
        out.member("current_status", .string(ticket.status.text))
        out.key("current_steps")
        out.beginArray()
        for node in ticket.steps { Self.writeStep(node, workflow: workflow, into: &out) }
        out.endArray()
        out.member("is_commented", .bool(ticket.isCommented))
        out.endObject()
    }

    /// `display_value` (§9.1): the choice name for RADIO/SELECT, else the value.
    static func fieldValue(_ value: FieldValue, workflow: Workflow?) -> JSON {
        let def = workflow?.field(Int(value.fieldId))
        let display = def?.choices.first { $0.key == value.value }?.name ?? value.value
        return [
            "id": JSON(Int(value.fieldId)), "key": .string(def?.key ?? ""), "type": .string(def?.type ?? "STRING"),
            "name": .string(def?.name ?? ""), "desc": .string(def?.desc ?? ""), "value": .string(value.value),
            "display_value": .string(display),
        ]
    }

    /// get_ticket_info data (§9.1); get_tickets items drop fields, steps and the iframe URL (§9.3).
    func info(_ ticket: Ticket, workflow: Workflow?, full: Bool = true) -> JSON {
        var object: JSONObject = [
            "id": JSON(ticket.id), "catalog_id": JSON(Int(ticket.catalogId)), "service_id": JSON(Int(ticket.serviceId)),
            "flow_id": JSON(Int(ticket.workflowId)), "sn": .string(ticket.sn.text), "title": .string(ticket.title),
            "current_status": .string(ticket.status.text),
        ]
        if full { object["current_steps"] = .array(ticket.currentNodes.map { Self.step($0, workflow: workflow) }) }
        object["comment_id"] = ticket.comment == nil ? "" : JSON(ticket.id)
        object["is_commented"] = .bool(ticket.comment != nil)
        object["updated_by"] = .string(ticket.updatedBy.joined(separator: ","))
        object["update_at"] = .string(Self.time(ticket.updateAt))
        object["end_at"] = ticket.endAt.map { .string(Self.time($0)) } ?? .null
        object["creator"] = .string(ticket.creator)
        object["create_at"] = .string(Self.time(ticket.createAt))
        object["is_biz_need"] = false
        object["bk_biz_id"] = -1
        if full {
            object["fields"] = .array(ticket.fields.map { Self.fieldValue($0, workflow: workflow) })
            object["iframe_ticket_url"] = .string(iframeURL(ticket.id))
        }
        object["ticket_url"] = .string(ticketURL(ticket.id))
        return .object(object)
    }

    /// One log line (§9.2).
    static func log(_ entry: LogEntry, ticket: Ticket, workflow: Workflow?, complex: Bool) -> JSON {
        let state = workflow?.state(Int(entry.stateId))
        let node = state?.name ?? ""
        let op = entry.operator
        let (message, source): (String, String) =
            switch entry.kind {
            case .started: ("流程开始.", "WEB")
            case .submitted: ("\(op) 处理【\(node)】", "WEB")
            case .approved: ("\(op) 已处理【\(node)】(通过)", "API")
            case .rejected: ("\(op) 已处理【\(node)】(拒绝)", "API")
            case .processed: ("\(op) 处理【\(node)】", "API")
            case .suspended: ("\(op) 挂起了单据：\(entry.detail).", "API")
            case .resumed: ("\(op) 恢复了单据.", "API")
            case .withdrawn: ("\(op) 撤销单据.", "API")
            case .closed: ("\(op) 关闭了单据.", "API")
            case .ended: ("流程结束.", "SYS")
            case .claimed: ("\(op) 认领了【\(node)】", "API")
            case .delivered: ("\(op) 将【\(node)】转单给 \(entry.detail)", "API")
            case .distributed: ("\(op) 将【\(node)】分派给 \(entry.detail)", "API")
            case .terminatedNode: ("\(op) 终止了【\(node)】", "API")
            }
        var object: JSONObject = [
            "operator": .string(op), "operate_at": .string(time(entry.at)), "message": .string(message),
            "source": .string(source),
        ]
        if complex {
            let values = ticket.nodes.last { $0.stateId == entry.stateId }?.values ?? []
            let withForm = [.submitted, .approved, .rejected, .processed].contains(entry.kind)
            object["form_data"] = .array(withForm ? values.map { fieldValue($0, workflow: workflow) } : [])
            object["from_state_type"] = .string(state?.type.rawValue ?? "")
        }
        return .object(object)
    }

    func logs(_ ticket: Ticket, workflow: Workflow?, complex: Bool) -> JSON {
        [
            "sn": .string(ticket.sn.text), "title": .string(ticket.title), "create_at": .string(Self.time(ticket.createAt)),
            "creator": .string(ticket.creator),
            "logs": .array(ticket.logs.map { Self.log($0, ticket: ticket, workflow: workflow, complex: complex) }),
        ]
    }

    /// ticket_approval_result item (§9.5).
    func approvalResult(_ ticket: Ticket) -> JSON {
        [
            "sn": .string(ticket.sn.text), "title": .string(ticket.title), "ticket_url": .string(ticketURL(ticket.id)),
            "current_status": .string(ticket.status.text), "updated_by": .string(ticket.updatedBy.joined(separator: ",")),
            "update_at": .string(Self.time(ticket.updateAt)), "approve_result": .bool(ticket.approveResult),
        ]
    }

    /// `last_approver` (§12.2): the sign-task processors of the most recently updated approval node.
    static func lastApprover(_ ticket: Ticket, workflow: Workflow?) -> String {
        let approvals = ticket.nodes.filter { workflow?.state(Int($0.stateId))?.type.isApproval == true && !$0.signs.isEmpty }
        guard let latest = approvals.max(by: { $0.updatedAt < $1.updatedAt }) else { return "" }
        return latest.signs.map(\.processor).joined(separator: ",")
    }
}
