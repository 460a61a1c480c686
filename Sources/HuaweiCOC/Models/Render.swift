import MockCore

/// English display names of enumerated values, for `enum_data_list` (huawei-coc.md §6.2 [mock]).
enum DisplayNames {
    static let english: [String: String] = [
        "change_type_conventional": "Conventional change", "change_type_urgentu": "Urgent change",
        "change_level_010": "A", "change_level_020": "B", "change_level_030": "C", "change_level_040": "D",
        "change_scheme_runbook": "Job", "change_scheme_guides": "Change guide",
        "issues_level_1000": "Critical", "issues_level_2000": "Major", "issues_level_3000": "Minor",
        "issues_level_4000": "Warning",
        "issues_mgmt_virtual_schedule_type_1000": "Shift", "issues_mgmt_virtual_schedule_type_2000": "Individual",
        "issues_mgmt_associated_type_1000": "Incident", "issues_mgmt_associated_type_2000": "Alarm",
        "issues_mgmt_associated_type_3000": "War room", "issues_mgmt_associated_type_4000": "Proactive O&M discovery",
    ]
}

extension Ticket {
    /// The create answer's `data` (huawei-coc.md §4.5).
    func writeCreated<Sink: JSONSink>(into out: inout Sink) {
        // Every create answers with it: keys and ids are written in place, no string is made.
        out.beginObject()
        out.plainKey("is_start_process_async")
        out.bool(true)
        out.plainKey("is_update_null")
        out.bool(false)
        out.plainKey("is_return_full_info")
        out.bool(false)
        out.plainKey("is_start_process")
        out.bool(isStartProcess)
        out.plainKey("ticket_id")
        // Closures, not the partly applied methods: those box the value they are taken from.
        out.plainString(count: number.length) { number.spell(into: $0) }
        out.plainKey("id")
        out.plainString(count: UUIDValue.length) { uuid.spell(into: $0) }
        out.endObject()
    }

    /// `CocTicketDetailInfoResponseData` (huawei-coc.md §6.2), typed as the SDK expects.
    var detail: JSON {
        var tree = JSONTreeBuilder()
        writeDetail(into: &tree)
        return tree.result
    }

    /// The detail written member by member: show streams it straight to bytes (it is the largest
    /// answer), filters and the admin API get it as a tree, from this one layout.
    func writeDetail<Sink: JSONSink>(into out: inout Sink) {
        let number = ticketId
        let status = JSON.string(state.text)
        let table = CreateRules.table(for: kind)
        // Actions' updates replace a leading member in place (its first occurrence) or come after
        // the fields; `creator` is applied further down.
        var leadingKeys: [String] = []
        func leading(_ key: String, _ value: JSON) {
            if !updates.isEmpty {
                defer { leadingKeys.append(key) }
                if !leadingKeys.contains(key), let updated = updatedValue(key) { return out.member(key, updated) }
            }
            out.member(key, value)
        }
        out.beginObject()
        leading("id", .string(id))
        leading("ticket_id", .string(number))
        leading("real_ticket_id", .string(number))
        leading("ticket_type", .string(kind.rawValue))
        leading("ticket_type_id", .string(kind.rawValue))
        leading("meta_data_version", 1)
        leading("is_deleted", false)
        for field in fields {
            let name = table[Int(field.rule)].name
            if name == "is_start_process" { continue }
            leading(kind == .issue && name == "ticket_type" ? "issue_type" : name, field.value.json)
        }
        for (index, update) in updates.enumerated() where update.name != "creator" && !leadingKeys.contains(update.name) {
            guard !updates[..<index].contains(where: { $0.name == update.name }) else { continue }
            out.member(update.name, updatedValue(update.name) ?? update.value.json)
        }
        if kind == .change { out.member("description", value("change_notes")?.json ?? "") }
        if kind == .issue { out.member("regions_serch", value("regions")?.json ?? "") }
        var creator = self.creator
        if case .string(let named)? = updates.last(where: { $0.name == "creator" })?.value { creator = named }
        let participants = assignee.isEmpty || assignee == creator ? creator : creator + "," + assignee
        out.member("creator", .string(creator))
        out.member("operator", .string(history.last?.operatorId ?? creator))
        out.member("assignee", .string(assignee))
        out.member("participator", .string(participants))
        for key in ["work_flow_status", "phase", "baseline_status"] { out.member(key, status) }
        out.member("is_start_process", .bool(isStartProcess))
        out.member("is_start_process_async", true)
        out.member("is_update_null", false)
        out.member("is_return_full_info", false)
        for flag in ["is_common_issue", "is_need_change", "is_enable_suspension"]
        where !updates.contains(where: { $0.name == flag }) {
            out.member(flag, false)
        }
        out.member("handle_time", .int(updateTime - createTime))
        out.member("create_time", .int(createTime))
        out.member("update_time", .int(updateTime))
        out.member("domain_id", .string(domainId))
        // The sub-tickets appear three times and the form twice: written once, then repeated.
        out.key("sub_tickets")
        let subs = out.record { writeSubTickets(into: &$0, number: number) }
        out.key("enum_data_list")
        writeEnumDataList(into: &out, number: number)
        out.key("_form_info")
        let form = out.record { writeFormInfo(into: &$0, subTickets: subs) }
        out.key("properties")
        out.beginObject()
        out.key("_form_info")
        out.replay(form)
        out.endObject()
        out.endObject()
    }

    /// The value an action's update gives a detail member (the last update of that name wins).
    private func updatedValue(_ key: String) -> JSON? {
        key == "creator" ? nil : updates.last(where: { $0.name == key })?.value.json
    }

    /// The submitted fields as `_form_info`, with the sub-tickets already written for `sub_tickets`.
    func writeFormInfo<Sink: JSONSink>(into out: inout Sink, subTickets: Sink.Recording) {
        let table = CreateRules.table(for: kind)
        out.beginObject()
        for field in fields { out.member(table[Int(field.rule)].name, field.value.json) }
        if kind == .change {
            out.key("sub_tickets")
            out.replay(subTickets)
        }
        out.endObject()
    }

    func writeSubTickets<Sink: JSONSink>(into out: inout Sink, number: String) {
        out.beginArray()
        for (index, sub) in subTickets.enumerated() {
            sub.write(into: &out, of: self, number: number, id: Self.subTicketId(index, of: number))
        }
        out.endArray()
    }

    var enumDataList: [JSON] {
        var tree = JSONTreeBuilder()
        writeEnumDataList(into: &tree, number: ticketId)
        return tree.result.arrayValue ?? []
    }

    func writeEnumDataList<Sink: JSONSink>(into out: inout Sink, number: String) {
        let table = CreateRules.table(for: kind)
        out.beginArray()
        for field in fields {
            let rule = table[Int(field.rule)]
            guard rule.values != nil, case .string(let value) = field.value else { continue }
            let name = JSON.string(DisplayNames.english[value] ?? value)
            out.beginObject()
            out.member("is_deleted", false)
            out.member("match_type", "")
            out.member("ticket_id", .string(number))
            out.member("real_ticket_id", .string(number))
            out.member("name_zh", name)
            out.member("name_en", name)
            out.member("biz_id", .string(value))
            out.member("prop_id", .string(rule.name))
            out.member("model_id", .string(kind.rawValue))
            out.endObject()
        }
        out.endArray()
    }

    /// What the admin API and scenario `where` filters see.
    var summary: JSON {
        [
            "id": .string(ticketId), "uuid": .string(id), "ticket_type": .string(kind.rawValue),
            "title": value("title")?.json ?? "", "work_flow_status": .string(state.text), "phase": .string(state.text),
            "level": value("level")?.json ?? "", "assignee": .string(assignee), "creator": .string(creator),
            "domain_id": .string(domainId), "create_time": .int(createTime), "update_time": .int(updateTime),
        ]
    }

    var historyJSON: [JSON] { history.map { $0.json(ticketId: ticketId) } }

    var subTicketsJSON: [JSON] {
        var tree = JSONTreeBuilder()
        writeSubTickets(into: &tree, number: ticketId)
        return tree.result.arrayValue ?? []
    }
}

extension SubTicket {
    func write<Sink: JSONSink>(into out: inout Sink, of ticket: Ticket, number: String, id: String) {
        let creator = JSON.string(ticket.creator)
        out.beginObject()
        out.member("id", .string(id))
        out.member("main_ticket_id", .string(number))
        out.member("parent_ticket_id", .string(number))
        out.member("ticket_id", .string(id))
        out.member("real_ticket_id", .string(id))
        out.member("change_ticket_id", .string(number))
        out.member("change_ticket_id_sub", .string(id))
        out.member("ticket_path", .string(number + "/" + id))
        out.member("whether_to_change", true)
        out.member("is_deleted", false)
        out.member("create_time", .int(ticket.createTime))
        out.member("update_time", .int(ticket.updateTime))
        out.member("creator", creator)
        out.member("operator", creator)
        for field in fields { out.member(CreateRules.subTicket[Int(field.rule)].name, field.value.json) }
        for name in ["target_value", "target_type"]
        where !fields.contains(rule: CreateRules.index(name, in: CreateRules.subTicket)) {
            out.member(name, "")
        }
        if let changeResult { out.member("change_result", .string(changeResult)) }
        out.endObject()
    }
}

extension HistoryEntry {
    func json(ticketId: String) -> JSON {
        [
            "ticket_id": .string(ticketId), "action": .string(action), "operator": .string(operatorId),
            "time": .int(time), "status": .string(status), "params": params,
        ]
    }
}

extension Incident {
    /// `IncidentTicketInfoResponseData` (huawei-coc.md §6.3).
    var detail: JSON {
        var data: JSONObject = ["id": .string(id), "incident_num": .string(number)]
        for field in fields { data[field.name] = field.value.json }
        for list in lists { data[list.name] = JSON(list.values) }
        data["creator"] = data["creator"] ?? .string(creator)
        data["status"] = .string(status.rawValue)
        data["domain_id"] = .string(domainId)
        data["create_time"] = .int(createTime)
        data["update_time"] = .int(updateTime)
        return .object(data)
    }

    var summary: JSON {
        [
            "id": .string(number), "uuid": .string(id), "ticket_type": "incident", "title": JSON(string("incident_title")),
            "status": .string(status.rawValue), "work_flow_status": .string(status.rawValue),
            "incident_level": JSON(string("incident_level")), "create_time": .int(createTime),
        ]
    }
}
