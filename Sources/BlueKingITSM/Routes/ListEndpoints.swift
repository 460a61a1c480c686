import MockCore

/// get_tickets (§9.3) and get_tickets_by_user (§5): filters and DRF-style pages.
struct TicketFilter: Sendable {
    var sns: Set<String>?
    var creator: String?
    var createdFrom: String?, createdTo: String?, endedFrom: String?, endedTo: String?
    var todoOf: String?
    var serviceIds: Set<Int>?
    var statuses: Set<String>?
    var projectKey: String?
    var view: (type: String, user: String)?

    init(_ p: Params) {
        func list(_ key: String) -> [String]? {
            switch p[key] {
            case .array(let items)?: items.compactMap { Params.text($0) }
            case let value?: Params.text(value).map { $0.split(separator: ",").map(String.init) }
            case nil: nil
            }
        }
        sns = list("sns").map(Set.init)
        creator = p.string("creator")
        createdFrom = p.string("create_at__gte")
        createdTo = p.string("create_at__lte")
        endedFrom = p.string("end_at__gte")
        endedTo = p.string("end_at__lte")
        todoOf = p.string("username")
        serviceIds = (list("service_id__in") ?? p.string("service_id").map { [$0] }).map { Set($0.compactMap { Int($0) }) }
        statuses = list("current_status__in").map(Set.init)
        projectKey = p.string("project_key")
    }

    func matches(_ ticket: Ticket, workflow: Workflow?) -> Bool {
        if let sns, !sns.contains(ticket.sn.text) { return false }
        if let creator, ticket.creator != creator { return false }
        if let serviceIds, !serviceIds.contains(Int(ticket.serviceId)) { return false }
        if let statuses, !statuses.contains(ticket.status.text) { return false }
        if let projectKey, ticket.projectKey != projectKey { return false }
        let created = Presenter.time(ticket.createAt)
        if let createdFrom, created < createdFrom { return false }
        if let createdTo, created > createdTo { return false }
        if endedFrom != nil || endedTo != nil {
            guard let end = ticket.endAt.map(Presenter.time) else { return false }
            if let endedFrom, end < endedFrom { return false }
            if let endedTo, end > endedTo { return false }
        }
        if let todoOf, ticket.status != .running || !ticket.currentProcessors.contains(todoOf) { return false }
        if let view, !Self.inView(ticket, view.type, view.user, workflow: workflow) { return false }
        return true
    }

    static func inView(_ ticket: Ticket, _ type: String, _ user: String, workflow: Workflow?) -> Bool {
        switch type {
        case "my_todo": !ticket.status.isOver && ticket.currentProcessors.contains(user)
        case "my_created": ticket.creator == user
        case "my_history": ticket.status.isOver && (ticket.creator == user || ticket.wasUpdated(by: user))
        case "my_dealt": ticket.wasUpdated(by: user)
        case "my_attention": ticket.followers.contains(user)
        case "my_approval":
            ticket.nodes.contains { node in
                workflow?.state(Int(node.stateId))?.type.isApproval == true && node.processorList.contains(user)
            }
        default: ticket.creator == user
        }
    }
}

extension Endpoints {
    func tickets(_ call: Call) throws(ITSMError) -> JSON {
        try page(call, filter: TicketFilter(call.params), path: "get_tickets")
    }

    func ticketsByUser(_ call: Call) throws(ITSMError) -> JSON {
        var filter = TicketFilter(call.params)
        let user = call.params.string("user") ?? call.params.string("username") ?? call.user
        filter.todoOf = nil
        filter.view = (call.params.string("view_type") ?? "my_todo", user)
        return try page(call, filter: filter, path: "get_tickets_by_user")
    }

    /// `{page, total_page, count, next, previous, items}`; a page out of range is DRF's NotFound (§4.5).
    func page(_ call: Call, filter: TicketFilter, path: String) throws(ITSMError) -> JSON {
        let pageText = call.params.string("page") ?? "1"
        let size = min(max(call.params.string("page_size").flatMap { Int($0) } ?? 10, 1), 10_000)
        let requested = Int(pageText) ?? 0
        let (count, items): (Int, [JSON]?) = backend.partition(call.namespace).data.withLock { data in
            let matching = data.tickets.indices.reversed().filter {
                filter.matches(data.tickets[$0], workflow: data.workflow(of: data.tickets[$0]))
            }
            let pages = max(1, (matching.count + size - 1) / size)
            guard requested >= 1, requested <= pages else { return (matching.count, nil) }
            let slice = matching.dropFirst((requested - 1) * size).prefix(size)
            return (
                matching.count,
                slice.map { presenter.info(data.tickets[$0], workflow: data.workflow(of: data.tickets[$0]), full: false) }
            )
        }
        guard let items else { throw PlainCode.invalidPage }
        let page = requested
        let pages = max(1, (count + size - 1) / size)
        let link = { (target: Int) -> JSON in
            .string(presenter.publicURLBase + "/api/c/compapi/v2/itsm/\(path)/?page=\(target)&page_size=\(size)")
        }
        return [
            "page": JSON(page), "total_page": JSON(pages), "count": JSON(count),
            "next": page < pages ? link(page + 1) : .null, "previous": page > 1 ? link(page - 1) : .null,
            "items": .array(items),
        ]
    }
}

extension Presenter {
    var publicURLBase: String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
