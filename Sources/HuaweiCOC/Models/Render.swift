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
    var createdData: JSON {
        [
            "is_start_process_async": true, "is_update_null": false, "is_return_full_info": false,
            "is_start_process": .bool(isStartProcess), "ticket_id": .string(ticketId), "id": .string(id),
        ]
    }

    /// The submitted fields as `_form_info`.
    func formInfo(subTickets subs: JSON) -> JSONObject {
        let table = CreateRules.table(for: kind)
        var entries = fields.map { (key: table[Int($0.rule)].name, value: $0.value.json) }
        if kind == .change { entries.append(("sub_tickets", subs)) }
        return JSONObject(entries)
    }

    /// `CocTicketDetailInfoResponseData` (huawei-coc.md §6.2), typed as the SDK expects. Built as
    /// an entry list (keys are unique by construction) to stay linear.
    var detail: JSON {
        let status = JSON.string(state.text)
        let number = JSON.string(ticketId)
        var entries: [(key: String, value: JSON)] = [
            ("id", .string(id)), ("ticket_id", number), ("real_ticket_id", number),
            ("ticket_type", .string(kind.rawValue)), ("ticket_type_id", .string(kind.rawValue)),
            ("meta_data_version", 1), ("is_deleted", false),
        ]
        entries.reserveCapacity(48)
        let table = CreateRules.table(for: kind)
        for field in fields {
            let name = table[Int(field.rule)].name
            if name == "is_start_process" { continue }
            entries.append((kind == .issue && name == "ticket_type" ? "issue_type" : name, field.value.json))
        }
        for update in updates where update.name != "creator" {
            if let index = entries.firstIndex(where: { $0.key == update.name }) {
                entries[index].value = update.value.json
            } else {
                entries.append((update.name, update.value.json))
            }
        }
        if kind == .change { entries.append(("description", value("change_notes")?.json ?? "")) }
        if kind == .issue { entries.append(("regions_serch", value("regions")?.json ?? "")) }
        var creator = self.creator
        if case .string(let named)? = updates.last(where: { $0.name == "creator" })?.value { creator = named }
        let participants = assignee.isEmpty || assignee == creator ? creator : creator + "," + assignee
        entries += [
            ("creator", .string(creator)), ("operator", .string(history.last?.operatorId ?? creator)),
            ("assignee", .string(assignee)), ("participator", .string(participants)),
            ("work_flow_status", status), ("phase", status), ("baseline_status", status),
            ("is_start_process", .bool(isStartProcess)), ("is_start_process_async", true), ("is_update_null", false),
            ("is_return_full_info", false),
        ]
        for flag in ["is_common_issue", "is_need_change", "is_enable_suspension"]
        where !updates.contains(where: { $0.name == flag }) {
            entries.append((flag, false))
        }
        let subs = JSON.array(subTicketsJSON)
        let form = JSON.object(formInfo(subTickets: subs))
        entries += [
            ("handle_time", .int(updateTime - createTime)), ("create_time", .int(createTime)),
            ("update_time", .int(updateTime)), ("domain_id", .string(domainId)), ("sub_tickets", subs),
            ("enum_data_list", .array(enumDataList)), ("_form_info", form),
            ("properties", .object(JSONObject([("_form_info", form)]))),
        ]
        return .object(JSONObject(entries))
    }

    var enumDataList: [JSON] {
        let table = CreateRules.table(for: kind)
        return fields.compactMap { field in
            let rule = table[Int(field.rule)]
            guard rule.values != nil, case .string(let value) = field.value else { return nil }
            let name = DisplayNames.english[value] ?? value
            return [
                "is_deleted": false, "match_type": "", "ticket_id": .string(ticketId), "real_ticket_id": .string(ticketId),
                "name_zh": .string(name), "name_en": .string(name), "biz_id": .string(value),
                "prop_id": .string(rule.name), "model_id": .string(kind.rawValue),
            ]
        }
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
        subTickets.enumerated().map { index, sub in sub.json(of: self, id: subTicketId(index)) }
    }
}

extension SubTicket {
    func json(of ticket: Ticket, id: String) -> JSON {
        let main = JSON.string(ticket.ticketId), own = JSON.string(id), creator = JSON.string(ticket.creator)
        var entries: [(key: String, value: JSON)] = [
            ("id", own), ("main_ticket_id", main), ("parent_ticket_id", main), ("ticket_id", own), ("real_ticket_id", own),
            ("change_ticket_id", main), ("change_ticket_id_sub", own), ("ticket_path", .string(ticket.ticketId + "/" + id)),
            ("whether_to_change", true), ("is_deleted", false), ("create_time", .int(ticket.createTime)),
            ("update_time", .int(ticket.updateTime)), ("creator", creator), ("operator", creator),
        ]
        for field in fields { entries.append((CreateRules.subTicket[Int(field.rule)].name, field.value.json)) }
        for name in ["target_value", "target_type"] where !entries.contains(where: { $0.key == name }) {
            entries.append((name, ""))
        }
        if let changeResult { entries.append(("change_result", .string(changeResult))) }
        return .object(JSONObject(entries))
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
