import MockCore

/// Service, catalog and workflow endpoints (bk-itsm.md §10).
extension Endpoints {
    func services(_ call: Call) throws(ITSMError) -> JSON {
        let p = call.params
        let catalogId = p.string("catalog_id").flatMap { Int($0) }
        return backend.partition(call.namespace).data.withLock { data in
            let list = data.services.values.sorted { $0.id < $1.id }.filter { service in
                service.isValid && (catalogId == nil || service.catalogId == catalogId)
                    && (p.string("service_type").map { $0 == service.serviceType } ?? true)
                    && (p.string("display_type").map { $0 == service.displayType } ?? true)
            }
            return .array(
                list.map {
                    [
                        "id": JSON($0.id), "name": .string($0.name), "service_type": .string($0.serviceType),
                        "desc": .string($0.desc),
                    ]
                })
        }
    }

    /// An id parameter as Django casts it: a non-number is a ValueError (§6.2 step 2).
    func id(_ call: Call, _ key: String) throws(ITSMError) -> Int? {
        guard let raw = call.params[key] else { return nil }
        guard let id = Params.integer(raw) else {
            throw .unexpected(.text("Field 'id' expected a number but got \(Params.pythonRepr(raw))."))
        }
        return id
    }

    /// Unknown id → 3900404.
    func serviceDetail(_ call: Call) throws(ITSMError) -> JSON {
        let serviceId = try id(call, "service_id")
        return try backend.read(call.namespace) { data throws(ITSMError) in
            guard let serviceId, let service = data.services[serviceId], let flow = data.workflows[service.workflowId] else {
                throw .objectNotExist
            }
            return [
                "service_id": JSON(service.id), "workflow_id": JSON(flow.id), "name": .string(service.name),
                "service_type": .string(service.serviceType), "desc": .string(service.desc),
                "fields": .array(flow.submissionState.map { flow.fields(of: $0.id).map(Presenter.field) } ?? []),
            ]
        }
    }

    /// Unknown id → 3900042; `all=1` includes the submission state.
    func serviceRoles(_ call: Call) throws(ITSMError) -> JSON {
        let serviceId = try id(call, "service_id")
        let all = call.params.string("all") == "1"
        let creator = call.params.string("ticket_creator") ?? ""
        return try backend.read(call.namespace) { data throws(ITSMError) in
            guard let serviceId, let service = data.services[serviceId], let flow = data.workflows[service.workflowId] else {
                throw .serviceNotFound
            }
            let submission = flow.submissionState?.id
            return .array(
                flow.states.filter { [.normal, .approval, .sign].contains($0.type) && (all || $0.id != submission) }.map {
                    state in
                    let processors = state.processorsType == "STARTER" ? creator : state.processors
                    return [
                        "id": JSON(state.id), "name": .string(state.name), "processors": .string(processors),
                        "processors_type": .string(state.processorsType), "sign_type": .string(state.isMulti ? "and" : "or"),
                    ]
                })
        }
    }

    /// Unknown id → 3900404 (a view without the exception wrapper, §4.5).
    func workflowDetail(_ call: Call) throws(ITSMError) -> JSON {
        let workflowId = call.params["workflow_id"].flatMap(Params.integer)
        return try backend.read(call.namespace) { data throws(ITSMError) in
            guard let workflowId, let flow = data.workflows[workflowId] else { throw .objectNotExist }
            return Self.workflowJSON(flow)
        }
    }

    static func workflowJSON(_ flow: Workflow) -> JSON {
        [
            "id": JSON(flow.id), "name": .string(flow.name), "flow_type": .string(flow.flowType), "desc": .string(flow.desc),
            "is_revocable": .bool(flow.isRevocable), "version_number": .string(flow.versionNumber),
            "owners": .string(flow.owners),
            "states": .array(
                flow.states.map { state in
                    [
                        "id": JSON(state.id), "name": .string(state.name), "type": .string(state.type.rawValue),
                        "processors_type": .string(state.processorsType), "processors": .string(state.processors),
                        "is_multi": .bool(state.isMulti), "can_deliver": .bool(state.canDeliver),
                        "is_terminable": .bool(state.isTerminable), "distribute_type": .string(state.distributeType),
                        "fields": JSON(state.fieldIds.map { String($0) }).intArray,
                    ]
                }),
            "transitions": .array(
                flow.transitions.map { t in
                    ["id": JSON(t.id), "from_state": JSON(t.from), "to_state": JSON(t.to), "name": .string(t.name)]
                }),
            "fields": .array(flow.fields.map(Presenter.field)),
        ]
    }

    /// The catalog tree from the root (§10).
    func catalogs(_ call: Call) throws(ITSMError) -> JSON {
        let withServices = call.params.string("has_service") == "true"
        return backend.partition(call.namespace).data.withLock { data in
            let used = Set(data.services.values.filter(\.isValid).map(\.catalogId))
            func node(_ catalog: Catalog) -> JSON {
                let children = data.catalogs.filter { $0.parentId == catalog.id && (!withServices || used.contains($0.id)) }
                return [
                    "id": JSON(catalog.id), "key": .string(catalog.key), "name": .string(catalog.name),
                    "level": JSON(catalog.level),
                    "desc": .string(catalog.desc), "children": .array(children.map(node)),
                ]
            }
            return .array(data.catalogs.filter { $0.parentId == nil }.map(node))
        }
    }

    /// `{"parent__id": 1, "name": "…", "desc": ""}`.
    func createCatalog(_ call: Call) throws(ITSMError) -> JSON {
        var problems: [PyError.FieldProblem] = []
        let name = call.params.string("name")
        if name == nil { problems.append(.required("name")) } else if name!.isEmpty { problems.append(.blank("name")) }
        if !problems.isEmpty { throw .unexpected(.fields(problems)) }
        let params = call.params
        return backend.partition(call.namespace).data.withLock { data in
            var reader = SeedReader(ids: IdAllocator(catalog: data.nextCatalogId - 1))
            guard let made = reader.catalog(params.object, [], known: data.catalogs) else { return .null }
            data.nextCatalogId = max(data.nextCatalogId, made.id + 1)
            data.addCatalog(made)
            return ["id": JSON(made.id), "key": .string(made.key), "name": .string(made.name), "level": JSON(made.level)]
        }
    }

    /// import_service / update_service: a service with its workflow, in the seed format.
    func importService(_ call: Call, update: Bool) throws(ITSMError) -> JSON {
        try importInto(call.namespace, call.params, update: update)
    }

    private func importInto(_ namespace: String, _ params: Params, update: Bool) throws(ITSMError) -> JSON {
        let outcome: Result<JSON, ITSMError> = backend.partition(namespace).data.withLock { data in
            if update, params["id"].flatMap(Params.integer).flatMap({ data.services[$0] }) == nil {
                return .failure(.serviceNotFound)
            }
            var reader = SeedReader(
                ids: IdAllocator(
                    service: data.nextServiceId - 1, workflow: data.nextWorkflowId - 1, catalog: data.nextCatalogId - 1,
                    state: data.nextStateId - 1, field: data.nextFieldId - 1, transition: data.nextStateId - 1))
            guard let (service, workflow) = reader.service(params.object, [], catalogs: data.catalogs), reader.errors.isEmpty
            else {
                let first = reader.errors.first
                return .failure(.param((first.map { $0.path.joined(separator: ".") + " " + $0.message }) ?? "服务导入失败"))
            }
            data.put(service, workflow: Presenter.prepared(workflow))
            data.nextServiceId = max(data.nextServiceId, service.id + 1)
            data.nextWorkflowId = max(data.nextWorkflowId, workflow.id + 1)
            data.nextStateId = max(data.nextStateId, reader.ids.state + 1, reader.ids.transition + 1)
            data.nextFieldId = max(data.nextFieldId, reader.ids.field + 1)
            return .success(["id": JSON(service.id), "workflow_id": JSON(workflow.id), "name": .string(service.name)])
        }
        return try outcome.get()
    }
}

extension JSON {
    /// `["1","2"]` → `[1, 2]`.
    var intArray: JSON {
        guard case .array(let items) = self else { return self }
        return .array(items.map { item in item.stringValue.flatMap { Int($0) }.map { JSON($0) } ?? item })
    }
}
