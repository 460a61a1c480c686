import MockCore

/// A create_ticket request that passed every check (bk-itsm.md §6.2).
struct NewTicket: Sendable {
    var service: Service
    var workflow: Workflow
    var creator: String
    var title: String
    var fields: [FieldValue]
    var callback: CallbackTarget?
    var stateProcessors: [StateProcessor]
    var projectKey: String
}

/// create_ticket's checks, in the vendor's order (§6.2 steps 1–7).
enum CreateTicketValidation {
    static func validate(_ params: Params, user: String, catalogue data: CatalogueView) throws(ITSMError) -> NewTicket {
        // 1–2. fast_approval forces the built-in service; otherwise service_validate.
        let service = try serviceCheck(params, data: data)
        guard let workflow = data.workflows[service.workflowId] else { throw .serviceNotFound }
        // 4. meta and state_processors.
        let meta = try metaCheck(params["meta"], service: service, workflow: workflow)
        // 5. creator.
        var creator = user
        if let given = params["creator"] {
            creator = Params.text(given) ?? given.jsonString
            if creator.isEmpty { throw .unexpected(.fields([.blank("creator")])) }
        }
        // 6. fields: `fields_kv["title"]`.
        guard let rawFields = params["fields"] else { throw .unexpected(.keyError("title")) }
        let pairs = try Params.keyValueItems(rawFields)
        guard let title = pairs.last(where: { $0.key == "title" })?.value else { throw .unexpected(.keyError("title")) }
        // 7. CreateTicketValidator.
        let fields = try fieldCheck(pairs, title: title, workflow: workflow)
        return NewTicket(
            service: service, workflow: workflow, creator: creator, title: title, fields: fields,
            callback: meta.callback, stateProcessors: meta.stateProcessors,
            projectKey: params.string("project_key") ?? "0")
    }

    static func serviceCheck(_ params: Params, data: CatalogueView) throws(ITSMError) -> Service {
        let missing = ITSMError.unexpected(.dict("服务", "服务不存在，请联系管理员！"))
        if Params.truthy(params["fast_approval"]) {
            guard let builtin = data.services[Builtins.builtinServiceId] else { throw missing }
            return builtin
        }
        guard let raw = params["service_id"] else { throw missing }
        guard let id = Params.integer(raw) else {
            throw .unexpected(.text("Field 'id' expected a number but got \(Params.pythonRepr(raw))."))
        }
        guard let service = data.services[id] else { throw missing }
        guard service.isValid else { throw .unexpected(.dict("服务", "服务未启用，请联系管理员！")) }
        guard data.catalogs.contains(where: { $0.id == service.catalogId }) else {
            throw .unexpected(.dict("服务", "服务对应的服务目录不存在"))
        }
        return service
    }

    static func metaCheck(
        _ raw: JSON?, service: Service, workflow: Workflow
    ) throws(ITSMError) -> (callback: CallbackTarget?, stateProcessors: [StateProcessor]) {
        guard let raw else { return (nil, []) }
        guard case .object(let meta) = raw else { throw .unexpected(PyError.noAttribute(raw, "get")) }
        var processors: [StateProcessor] = []
        if let rawProcessors = meta["state_processors"], !rawProcessors.isNull {
            guard case .object(let map) = rawProcessors else {
                throw .unexpected(PyError.noAttribute(rawProcessors, "items"))
            }
            processors.reserveCapacity(map.count)
            for (key, value) in map {
                guard let id = Int(key), let state = workflow.statePosition(id) else {
                    throw .unexpected(.dict("state_processors", "服务:\(service.name), 节点(\(key))不存在"))
                }
                let users: String =
                    switch value {
                    case .array(let items): items.compactMap { Params.text($0) }.joined(separator: ",")
                    default: Params.text(value) ?? ""
                    }
                guard !Ticket.cleanList(users).isEmpty else {
                    let node = workflow.states[state].name
                    throw .unexpected(.dict("state_processors", "服务:\(service.name), 节点(\(node))对应的审批人不允许为空"))
                }
                // Two spellings of one state id ("7", "07"): the later one counts, as in a dict.
                if let same = processors.firstIndex(where: { $0.stateId == Int32(id) }) {
                    processors[same].users = users
                } else {
                    processors.append(StateProcessor(stateId: Int32(id), users: users))
                }
            }
        }
        var callback: CallbackTarget?
        if let url = meta["callback_url"].flatMap({ Params.text($0) }), !url.isEmpty {
            var headers: [HeaderPair] = []
            if case .object(let given)? = meta["headers"] {
                headers = given.compactMap { entry in Params.text(entry.value).map { HeaderPair(name: entry.key, value: $0) } }
            }
            callback = CallbackTarget(url: url, headers: headers)
        }
        return (callback, processors)
    }

    /// `CreateTicketValidator` (§6.2 step 7) over the submission state's fields.
    static func fieldCheck(_ pairs: [(key: String, value: String)], title: String, workflow: Workflow) throws(ITSMError)
        -> [FieldValue]
    {
        guard let submission = workflow.submissionPosition else { throw .createTicket(nil) }
        let positions = workflow.fieldPositions(of: workflow.states[submission].id)
        return try workflow.fields.withUnsafeBufferPointer { (all) throws(ITSMError) in
            let missing = positions.filter { position in
                all[position].isRequired && !pairs.contains { $0.key == all[position].key }
            }
            if !missing.isEmpty {
                let names = missing.map { PyError.repr(all[$0].key) }
                throw .createTicket("单据创建失败，缺少参数：[" + names.joined(separator: ", ") + "]")
            }
            var values: [FieldValue] = []
            values.reserveCapacity(pairs.count)
            for pair in pairs {
                guard let position = positions.first(where: { all[$0].key == pair.key }) else {
                    throw .createTicket("【\(pair.key)】字段不存在，请联系管理员")
                }
                let id = Int32(all[position].id)
                if let existing = values.firstIndex(where: { $0.fieldId == id }) {
                    values[existing].value = pair.value
                } else {
                    values.append(FieldValue(fieldId: id, value: pair.value))
                }
            }
            if Params.length(title) > 128 { throw .createTicket("标题不能超过120个字符") }
            // Each definition read in place (a copy is a dozen retains).
            for position in positions {
                let value = values.first { Int($0.fieldId) == all[position].id }?.value ?? ""
                if all[position].isRequired && Params.isBlank(value) {
                    throw .createTicket(Messages.required(all[position].name))
                }
                if all[position].hasChoices, !value.isEmpty, !choiceMatches(value, all[position]) {
                    throw .createTicket(Messages.choiceMismatch(all[position].name))
                }
            }
            return values
        }
    }

    /// Linear over the few choices: building a Set per field cost more than it saved.
    static func choiceMatches(_ value: String, _ def: FieldDef) -> Bool {
        let isChoice = { (text: Substring) in def.choices.contains { $0.key == text } }
        if def.type == "CHECKBOX" || def.type == "MULTISELECT" { return value.split(separator: ",").allSatisfy(isChoice) }
        return isChoice(value[...])
    }
}
