import MockCore

/// The operator's side, for `POST /_mock/tickets/huawei_coc/{id}/actions` and scenario lifecycles:
/// friendly names (accept, approve, resolve, …) mapped onto the vendor's commands, plus every
/// vendor action name with its `params`.
struct AdminActions {
    let service: COCService
    var model: COCModel { service.model }

    static let names =
        [
            "accept", "approve", "reject", "resolve", "cancel", "submit", "resubmit", "start", "end",
            "complete", "result", "forward", "level", "confirm", "status",
        ]
        + ActionNames.issueActions + ActionNames.changeActions + ActionNames.changeUpdates + ExternalRules.operateKeys

    func perform(_ action: JSON, on id: String, namespace: String) throws(COCError) -> JSON {
        let name = action["action"]?.stringValue ?? ""
        let user = action["by"]?.stringValue ?? "operator"
        if model.incident(id, namespace: namespace) != nil { return try incident(name, action, id, user, namespace) }
        guard let ticket = model.ticket(id, namespace: namespace) else { throw COCError.unknownTicket }
        if name == "status" { return try force(action["value"]?.stringValue ?? "", on: id, namespace: namespace) }
        let result = action["result"]?.boolValue ?? true
        let commands: [ParsedAction]
        switch (ticket.kind, name) {
        case (.change, "approve"): commands = [result ? parsed(.approve(true)) : parsed(.reject)]
        case (.issue, "approve"): commands = [parsed(.approve(result))]
        case (.issue, "accept"): commands = [parsed(.accept)]
        case (.issue, "reject"): commands = [parsed(.rejectUnaccepted)]
        case (.change, "reject"): commands = [parsed(.reject)]
        case (.issue, "resolve"):
            commands = [
                ParsedAction(
                    command: .solve, name: "submitting_question",
                    extra: [
                        ("solution", .string(action["solution"]?.stringValue ?? "Resolved by the operator")),
                        ("root_cause_comment", .string(action["comment"]?.stringValue ?? "Resolved by the operator")),
                    ])
            ]
        case (.change, "resolve"):
            let steps: [TicketCommand] =
                ticket.changeEnded
                ? [.setResult(success: result)]
                : ticket.changeStarted
                    ? [.endChange, .setResult(success: result)] : [.startChange, .endChange, .setResult(success: result)]
            commands = steps.map(parsed)
        case (.issue, "cancel"): commands = [parsed(.undo)]
        case (.change, "cancel"): commands = [parsed(.cancel)]
        case (_, "submit"): commands = [parsed(.submit)]
        case (.change, "resubmit"): commands = [parsed(.resubmit)]
        case (.change, "start"): commands = [parsed(.startChange)]
        case (.change, "end"): commands = [parsed(.endChange)]
        case (.change, "complete"): commands = [parsed(.complete)]
        case (.change, "result"): commands = [parsed(.setResult(success: result))]
        case (.issue, "forward"): commands = [parsed(.forward(to: action["to"]?.stringValue ?? user))]
        case (.issue, "level"):
            let level = action["value"]?.stringValue ?? ""
            guard CreateRules.issueLevels.contains(level) else { throw COCError.notOneOf("level", CreateRules.issueLevels) }
            commands = [parsed(.changeLevel(level))]
        default:
            let params = BodyReader(body: action["params"] ?? [:], prefix: "params.")
            if ActionNames.changeUpdates.contains(name) {
                let (update, _, _) = try ActionNames.parseUpdate(BodyReader(body: ["history_info": ["action": .string(name)]]))
                commands = [update]
            } else {
                commands = [try ActionNames.parse(name, params: params, kind: ticket.kind)]
            }
        }
        var last = ticket
        for command in commands {
            last = try service.act(
                id, command, by: user, assignTo: action["by"]?.stringValue, params: action["params"] ?? [:],
                namespace: namespace)
        }
        return last.detail
    }

    private func parsed(_ command: TicketCommand) -> ParsedAction { ParsedAction(command: command, name: command.name) }

    /// Scenario `do: {status: …}`: jumps to any state of the ticket's vocabulary.
    private func force(_ value: String, on id: String, namespace: String) throws(COCError) -> JSON {
        let ticket = try model.modify(id, namespace: namespace) { (t) throws(COCError) in
            switch t.kind {
            case .issue:
                guard let status = IssueStatus(rawValue: value) else {
                    throw COCError.notOneOf("status", IssueStatus.allCases.map(\.rawValue))
                }
                t.state = .issue(status)
            case .change:
                guard let phase = ChangePhase(rawValue: value) else {
                    throw COCError.notOneOf("status", ChangePhase.allCases.map(\.rawValue))
                }
                t.state = .change(phase)
            }
            t.updateTime = model.now
        }
        service.emit(
            "huawei_coc.status_reached", ticket.ticketId, ticket.summary, ["status": .string(ticket.state.text)], namespace)
        return ticket.detail
    }

    private func incident(_ name: String, _ action: JSON, _ id: String, _ user: String, _ namespace: String) throws(COCError)
        -> JSON
    {
        let parameter = BodyReader(body: action["params"] ?? [:], prefix: "parameter.")
        let key: String =
            switch name {
            case "accept": "acceptedIncident1"
            case "resolve": "commitSolution1"
            case "confirm": "confirm"
            default: name
            }
        if name == "status" {
            guard let status = IncidentStatus(rawValue: action["value"]?.stringValue ?? "") else {
                throw COCError.notOneOf("status", IncidentStatus.allCases.map(\.rawValue))
            }
            let incident = try model.modifyIncident(id, namespace: namespace) { $0.status = status }
            service.emit(
                "huawei_coc.status_reached", incident.number, incident.summary, ["status": .string(status.rawValue)], namespace)
            return incident.detail
        }
        guard ExternalRules.operateKeys.contains(key) else { throw COCError.unknownAction(name) }
        var body = parameter
        if key == "commitSolution1", parameter.body["solution"] == nil {
            body = BodyReader(
                body: ["solution": .string(action["solution"]?.stringValue ?? "Resolved by the operator")], prefix: "parameter.")
        }
        if key == "confirm", let result = action["result"]?.boolValue {
            body = BodyReader(body: ["virtual_confirm_result": .bool(result)], prefix: "parameter.")
        }
        let (command, extra) = try ExternalRules.incidentCommand(key, parameter: body)
        return try service.handleIncident(id, command, extra: extra, by: user, params: body.body, namespace: namespace).detail
    }
}
