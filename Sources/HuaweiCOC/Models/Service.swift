import MockCore

/// The model calls a route or an admin action makes, with their events (emitted outside locks).
struct COCService: Sendable {
    let model: COCModel
    var context: EmulatorContext { model.context }

    func create(
        kind: TicketKind, fields: FieldPack, creator: String,
        domainId: String, updates: [(String, StoredValue)] = [], namespace: String
    ) -> Ticket {
        var ticket = model.create(
            kind: kind, fields: fields, creator: creator,
            domainId: domainId, namespace: namespace)
        if !updates.isEmpty {
            ticket =
                (try? model.modify(ticket.ticketId, namespace: namespace) { t in
                    for (name, value) in updates { t.set(name, value) }
                }) ?? ticket
        }
        emit("huawei_coc.ticket_created", ticket.ticketId, ticket.summary, [:], namespace)
        emit("huawei_coc.status_reached", ticket.ticketId, ticket.summary, ["status": .string(ticket.state.text)], namespace)
        return ticket
    }

    /// Runs a command on a ticket; unchanged on error.
    func act(
        _ id: String, _ action: ParsedAction, by user: String, assignTo: String? = nil, params: JSON,
        namespace: String
    ) throws(COCError) -> Ticket {
        var before: TicketState?
        let ticket = try model.modify(id, namespace: namespace) { (t) throws(COCError) in
            before = t.state
            try t.apply(
                action.command, named: action.name, by: user, assignTo: assignTo, at: model.now, params: params,
                extra: action.extra)
        }
        if before != ticket.state {
            emit("huawei_coc.status_reached", ticket.ticketId, ticket.summary, ["status": .string(ticket.state.text)], namespace)
        }
        return ticket
    }

    /// `PUT` on a change: the command of `history_info.action`, checked against `ticket_info.phase`.
    func update(
        _ id: String, _ parsed: (ParsedAction, phase: String?, results: [(String?, String)]), by user: String,
        params: JSON, namespace: String
    ) throws(COCError) -> Ticket {
        let (action, phase, results) = parsed
        var before: TicketState?
        let ticket = try model.modify(id, namespace: namespace) { (t) throws(COCError) in
            guard t.kind == .change else { throw COCError.notAllowed(action.name, t.state.text) }
            before = t.state
            try t.apply(action.command, named: action.name, by: user, at: model.now, params: params)
            if let phase, phase != t.state.text { throw COCError.phaseMismatch(phase, t.state.text) }
            for (subId, result) in results {
                for index in t.subTickets.indices where subId == nil || t.subTicketId(index) == subId {
                    t.recordChangeResult(result, subTicket: index)
                }
            }
        }
        if before != ticket.state {
            emit("huawei_coc.status_reached", ticket.ticketId, ticket.summary, ["status": .string(ticket.state.text)], namespace)
        }
        return ticket
    }

    func createIncident(
        _ parsed: (fields: [(name: String, value: StoredValue)], lists: [(name: String, values: [String])]),
        creator: String, domainId: String, namespace: String
    ) -> Incident {
        let incident = model.createIncident(
            fields: parsed.fields, lists: parsed.lists, creator: creator,
            domainId: domainId, namespace: namespace)
        emit("huawei_coc.ticket_created", incident.number, incident.summary, [:], namespace)
        emit(
            "huawei_coc.status_reached", incident.number, incident.summary, ["status": .string(incident.status.rawValue)],
            namespace)
        return incident
    }

    func handleIncident(
        _ id: String, _ command: IncidentCommand, extra: [(String, StoredValue)], by user: String,
        params: JSON, namespace: String
    ) throws(COCError) -> Incident {
        let incident = try model.modifyIncident(id, namespace: namespace) { (i) throws(COCError) in
            try i.apply(command, by: user, at: model.now, params: params, extra: extra)
        }
        emit(
            "huawei_coc.status_reached", incident.number, incident.summary, ["status": .string(incident.status.rawValue)],
            namespace)
        return incident
    }

    /// Nothing of the event is built unless someone observes it (every create emits two).
    func emit(
        _ name: String, _ id: @autoclosure () -> String, _ ticket: @autoclosure () -> JSON,
        _ details: @autoclosure () -> JSON, _ namespace: String
    ) {
        guard context.events.isObserved(name) else { return }
        context.events.emit(DomainEvent(name: name, namespace: namespace, ticketId: id(), ticket: ticket(), details: details()))
    }
}
