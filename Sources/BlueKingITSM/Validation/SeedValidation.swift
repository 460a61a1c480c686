import MockCore

/// Ids for states, fields, workflows, services and catalogs a seed or import_service leaves out.
struct IdAllocator: Sendable {
    var service = 1000, workflow = 1000, catalog = 1000, state = 10_000, field = 30_000, transition = 10_000
}

/// Reads services with their workflows (and catalogs, apps) from scenario seeds or an
/// import_service body. Problems are reported with their field path; nothing is applied on error.
struct SeedReader {
    var ids: IdAllocator
    var errors: [FieldError] = []

    static let stateTypes = Set(StateType.allCases.map(\.rawValue))

    mutating func fail(_ path: [String], _ message: String) { errors.append(FieldError(path: path, message: message)) }

    mutating func string(_ object: JSONObject, _ key: String, _ path: [String], required: Bool = true) -> String? {
        guard let value = object[key], !value.isNull else {
            if required { fail(path + [key], "is required") }
            return nil
        }
        guard let text = Params.text(value) else {
            fail(path + [key], "must be a string, not \(value.typeName)")
            return nil
        }
        return text
    }

    mutating func int(_ object: JSONObject, _ key: String, _ path: [String]) -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = Params.integer(value) else {
            fail(path + [key], "must be an integer, not \(value.typeName)")
            return nil
        }
        // Ids are stored in 32 bits.
        guard (1...Int(Int32.max)).contains(number) else {
            fail(path + [key], "must be between 1 and \(Int32.max)")
            return nil
        }
        return number
    }

    mutating func objects(_ value: JSON?, _ path: [String]) -> [JSONObject] {
        guard let value, !value.isNull else { return [] }
        guard case .array(let items) = value else {
            fail(path, "must be a list")
            return []
        }
        var result: [JSONObject] = []
        for (index, item) in items.enumerated() {
            guard case .object(let object) = item else {
                fail(path + ["\(index)"], "must be a mapping")
                continue
            }
            result.append(object)
        }
        return result
    }

    mutating func catalog(_ object: JSONObject, _ path: [String], known: [Catalog]) -> Catalog? {
        guard let name = string(object, "name", path) else { return nil }
        let id =
            int(object, "id", path)
            ?? {
                ids.catalog += 1; return ids.catalog
            }()
        let parentKey = string(object, "parent_key", path, required: false)
        let parentId =
            int(object, "parent_id", path) ?? int(object, "parent__id", path)
            ?? known.first { $0.key == (parentKey ?? "root") }?.id ?? 1
        let parentLevel = known.first { $0.id == parentId }?.level ?? 0
        return Catalog(
            id: id, key: string(object, "key", path, required: false) ?? "catalog_\(id)", name: name, level: parentLevel + 1,
            parentId: parentId, desc: string(object, "desc", path, required: false) ?? "")
    }

    mutating func service(_ object: JSONObject, _ path: [String], catalogs: [Catalog]) -> (Service, Workflow)? {
        let before = errors.count
        let name = string(object, "name", path)
        let catalogKey = string(object, "catalog_key", path, required: false)
        let catalogId = int(object, "catalog_id", path) ?? catalogs.first { $0.key == (catalogKey ?? "general") }?.id ?? 3
        let serviceType =
            string(object, "service_type", path, required: false) ?? string(object, "key", path, required: false) ?? "request"
        if SNPrefix.byServiceType[serviceType] == nil {
            fail(path + ["service_type"], "must be one of request, event, change, question")
        }
        guard case .object(let flow)? = object["workflow"] else {
            fail(path + ["workflow"], "is required (a mapping with states)")
            return nil
        }
        let workflow = self.workflow(flow, path + ["workflow"], name: name ?? "")
        guard errors.count == before, let name, let workflow else { return nil }
        let id =
            int(object, "id", path)
            ?? {
                ids.service += 1; return ids.service
            }()
        let service = Service(
            ServiceDefinition(
                id: id, name: name, serviceType: serviceType, desc: string(object, "desc", path, required: false) ?? "",
                displayType: string(object, "display_type", path, required: false) ?? "OPEN", catalogId: catalogId,
                workflowId: workflow.id))
        return (service, workflow)
    }

    mutating func workflow(_ object: JSONObject, _ path: [String], name: String) -> Workflow? {
        let id =
            int(object, "id", path)
            ?? {
                ids.workflow += 1; return ids.workflow
            }()
        var states: [StateDef] = []
        var fields: [FieldDef] = []
        let stateObjects = objects(object["states"], path + ["states"])
        if stateObjects.isEmpty { fail(path + ["states"], "must list at least one state") }
        for (index, item) in stateObjects.enumerated() {
            let statePath = path + ["states", "\(index)"]
            let typeText = string(item, "type", statePath) ?? "NORMAL"
            guard let type = StateType(rawValue: typeText) else {
                fail(statePath + ["type"], "must be one of START, NORMAL, APPROVAL, SIGN, END")
                continue
            }
            let stateId =
                int(item, "id", statePath)
                ?? {
                    ids.state += 1; return ids.state
                }()
            var state = StateDef(id: stateId, name: string(item, "name", statePath, required: false) ?? type.rawValue, type: type)
            state.processorsType =
                string(item, "processors_type", statePath, required: false) ?? (type.isApproval ? "PERSON" : "OPEN")
            state.processors = string(item, "processors", statePath, required: false) ?? ""
            state.isMulti = Params.truthy(item["is_multi"]) || type == .sign
            state.canDeliver = Params.truthy(item["can_deliver"])
            state.isTerminable = Params.truthy(item["is_terminable"])
            state.distributeType = string(item, "distribute_type", statePath, required: false) ?? "PROCESS"
            state.terminateWhenRejected = Params.truthy(item["terminate_when_rejected"])
            var own = objects(item["fields"], statePath + ["fields"]).enumerated().compactMap { offset, field in
                self.field(field, statePath + ["fields", "\(offset)"], state: stateId, workflow: id)
            }
            if type.isApproval, own.isEmpty {
                let next = (ids.field + 1, ids.field + 2, ids.field + 3)
                ids.field += 3
                own = Builtins.approvalFields(ids: next, keys: Self.keys(for: next), state: stateId, workflow: id)
            }
            state.fieldIds = own.map(\.id)
            fields += own
            states.append(state)
        }
        if !states.contains(where: { $0.type == .start }) || !states.contains(where: { $0.type == .end }) {
            fail(path + ["states"], "must have a START and an END state")
        }
        var transitions: [TransitionDef] = []
        let given = objects(object["transitions"], path + ["transitions"])
        for (index, item) in given.enumerated() {
            let tPath = path + ["transitions", "\(index)"]
            guard let from = int(item, "from", tPath), let to = int(item, "to", tPath) else {
                fail(tPath, "needs integer from and to state ids")
                continue
            }
            if !states.contains(where: { $0.id == from }) { fail(tPath + ["from"], "names no state of this workflow") }
            if !states.contains(where: { $0.id == to }) { fail(tPath + ["to"], "names no state of this workflow") }
            ids.transition += 1
            transitions.append(
                TransitionDef(
                    id: int(item, "id", tPath) ?? ids.transition, from: from, to: to,
                    name: string(item, "name", tPath, required: false) ?? "默认",
                    whenResult: string(item, "when_result", tPath, required: false)))
        }
        if given.isEmpty {
            for (a, b) in zip(states, states.dropFirst()) {
                ids.transition += 1
                transitions.append(TransitionDef(id: ids.transition, from: a.id, to: b.id))
            }
        }
        var flow = Workflow(
            WorkflowDefinition(
                id: id, name: string(object, "name", path, required: false) ?? name, states: states, transitions: transitions,
                fields: fields))
        if let revocable = object["is_revocable"], !revocable.isNull { flow.isRevocable = Params.truthy(revocable) }
        return flow
    }

    mutating func field(_ object: JSONObject, _ path: [String], state: Int, workflow: Int) -> FieldDef? {
        guard let key = string(object, "key", path) else { return nil }
        let id =
            int(object, "id", path)
            ?? {
                ids.field += 1; return ids.field
            }()
        let choices = objects(object["choices"] ?? object["choice"], path + ["choices"]).compactMap { item -> Choice? in
            guard let key = Params.text(item["key"] ?? .null) else { return nil }
            return Choice(key: key, name: Params.text(item["name"] ?? .null) ?? key)
        }
        let validate = string(object, "validate_type", path, required: false) ?? "REQUIRE"
        if validate != "REQUIRE" && validate != "OPTION" { fail(path + ["validate_type"], "must be REQUIRE or OPTION") }
        return FieldDef(
            id: id, key: key, type: string(object, "type", path, required: false) ?? "STRING",
            name: string(object, "name", path, required: false) ?? key, desc: string(object, "desc", path, required: false) ?? "",
            validateType: validate, choices: choices, meta: object["meta"] ?? [:],
            defaultValue: string(object, "default", path, required: false) ?? "", stateId: state, workflowId: workflow)
    }

    /// Stable 32-hex keys, first character a letter (the upstream format, §15.1).
    static func keys(for ids: (Int, Int, Int)) -> (String, String, String) {
        func key(_ id: Int) -> String {
            let hash = FNV1a.hash("bk_itsm_field_\(id)")
            let hex = String(hash, radix: 16) + String(hash &* 31, radix: 16) + String(repeating: "0", count: 32)
            return "f" + String(hex.prefix(31))
        }
        return (key(ids.0), key(ids.1), key(ids.2))
    }

    /// A whole `bk_itsm:` seed section: apps, catalogs, services.
    mutating func section(_ section: JSON, into catalogue: inout Catalogue) {
        guard case .object(let object) = section else {
            fail([], "the bk_itsm section must be a mapping")
            return
        }
        for (index, app) in objects(object["apps"], ["apps"]).enumerated() {
            if let code = string(app, "code", ["apps", "\(index)"]), let secret = string(app, "secret", ["apps", "\(index)"]) {
                catalogue.apps[code] = secret
            }
        }
        if let given = object["options"], !given.isNull {
            if case .object(let options) = given {
                for (key, value) in options {
                    guard case .bool(let flag) = value else {
                        fail(["options", key], "must be true or false")
                        continue
                    }
                    switch key {
                    case "require_user_on_esb": catalogue.options.requireUserOnESB = flag
                    case "operate_node_terminate_bug": catalogue.options.operateNodeTerminateBug = flag
                    default: fail(["options", key], "is not a known option (require_user_on_esb, operate_node_terminate_bug)")
                    }
                }
            } else {
                fail(["options"], "must be a mapping")
            }
        }
        for (index, item) in objects(object["catalogs"], ["catalogs"]).enumerated() {
            if let made = catalog(item, ["catalogs", "\(index)"], known: catalogue.catalogs) {
                catalogue.catalogs.removeAll { $0.id == made.id }
                catalogue.catalogs.append(made)
            }
        }
        for (index, item) in objects(object["services"], ["services"]).enumerated() {
            if let (service, workflow) = service(item, ["services", "\(index)"], catalogs: catalogue.catalogs) {
                catalogue.services.removeAll { $0.id == service.id }
                catalogue.workflows.removeAll { $0.id == workflow.id }
                catalogue.services.append(service)
                catalogue.workflows.append(workflow)
            }
        }
    }
}
