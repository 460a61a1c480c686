import MockCore

/// A validated `/actions` or `PUT` request: the command, its vendor name, and what it stores.
struct ParsedAction: Sendable {
    var command: TicketCommand
    var name: String
    var extra: [(String, StoredValue)] = []
}

/// Action names and their parameters (huawei-coc.md §5.1, §5.2, §7).
enum ActionNames {
    static let issueActions = [
        "gocm_issues_accepte", "ugrading_and_downgrading", "being_handled_initiate_suspend", "agreed",
        "suspend_resume", "gocm_issues_handling_forwarding", "gocm_issues_unaccepted_reject",
        "gocm_issues_undo_create", "submitting_question", "submit",
    ]
    static let changeActions = ["agreed", "rejected", "cancel_process_action", "submit", "resubmit"]
    static let changeUpdates = [
        "change_start_change_success", "change_end_change_success", "change_set_change_result_success",
        "change_result_failed", "change_cancel_change_success", "change_complete_success",
    ]

    static func name(of command: TicketCommand) -> String {
        switch command {
        case .accept: "gocm_issues_accepte"
        case .rejectUnaccepted: "gocm_issues_unaccepted_reject"
        case .undo: "gocm_issues_undo_create"
        case .requestSuspension: "being_handled_initiate_suspend"
        case .approve: "agreed"
        case .resume: "suspend_resume"
        case .solve: "submitting_question"
        case .forward: "gocm_issues_handling_forwarding"
        case .changeLevel: "ugrading_and_downgrading"
        case .submit: "submit"
        case .resubmit: "resubmit"
        case .reject: "rejected"
        case .cancel: "cancel_process_action"
        case .startChange: "change_start_change_success"
        case .endChange: "change_end_change_success"
        case .setResult(let success): success ? "change_set_change_result_success" : "change_result_failed"
        case .complete: "change_complete_success"
        }
    }

    /// `POST /v1/{ticket_type}/actions`: `action` with its `params`.
    static func parse(_ action: String, params: BodyReader, kind: TicketKind) throws(COCError) -> ParsedAction {
        let allowed = kind == .change ? changeActions : issueActions
        guard allowed.contains(action) else { throw COCError.unknownAction(action) }
        switch (kind, action) {
        case (.issue, "gocm_issues_accepte"): return ParsedAction(command: .accept, name: action)
        case (.issue, "ugrading_and_downgrading"):
            let level = try params.string("level", required: true, CreateRules.issueLevels)!
            var extra: [(String, StoredValue)] = []
            if let reason = try params.string("up_down_grade_reason_comment") {
                extra.append(("up_down_grade_reason_comment", .string(reason)))
            }
            _ = try params.string("up_down_updated_level")
            return ParsedAction(command: .changeLevel(level), name: action, extra: extra)
        case (.issue, "being_handled_initiate_suspend"):
            let until = try params.int("estimated_recovery_time", required: true)!
            let text = try params.string("suspend_description", required: true)!
            return ParsedAction(
                command: .requestSuspension, name: action,
                extra: [("estimated_recovery_time", .int(until)), ("suspend_description", .string(text))])
        case (_, "agreed"):
            let conclusion = try params.bool("conclusion") ?? true
            let note = try params.string("approve_note")
            return ParsedAction(
                command: .approve(conclusion), name: action, extra: note.map { [("approve_note", .string($0))] } ?? [])
        case (.issue, "suspend_resume"): return ParsedAction(command: .resume, name: action)
        case (.issue, "gocm_issues_handling_forwarding"):
            let to = try params.string("forwarding_assigne", required: true)!
            _ = try params.string("explain")
            _ = try params.string("virtual_schedule_type", CreateRules.scheduleTypes)
            return ParsedAction(command: .forward(to: to), name: action)
        case (.issue, "gocm_issues_unaccepted_reject"):
            let text = try params.string("unaccepted_rejection_description", required: true)!
            return ParsedAction(
                command: .rejectUnaccepted, name: action, extra: [("unaccepted_rejection_description", .string(text))])
        case (.issue, "gocm_issues_undo_create"):
            let text = try params.string("revocation_reason", required: true)!
            return ParsedAction(command: .undo, name: action, extra: [("revocation_reason", .string(text))])
        case (.issue, "submitting_question"):
            return ParsedAction(command: .solve, name: action, extra: try solution(params))
        case (.change, "rejected"):
            let comment = try params.string("comment", required: true)!
            return ParsedAction(command: .reject, name: action, extra: [("comment", .string(comment))])
        case (.change, "cancel_process_action"):
            let comment = try params.string("comment")
            return ParsedAction(command: .cancel, name: action, extra: comment.map { [("comment", .string($0))] } ?? [])
        case (.change, "resubmit"): return ParsedAction(command: .resubmit, name: action)
        default: return ParsedAction(command: .submit, name: action)
        }
    }

    /// `submitting_question` params: `solution` and `root_cause_comment` are required.
    static func solution(_ params: BodyReader) throws(COCError) -> [(String, StoredValue)] {
        var extra: [(String, StoredValue)] = []
        for name in ["root_cause_cloud_service", "issue_version", "regions", "root_cause_type"] {
            if let value = try params.string(name) { extra.append((name, .string(value))) }
        }
        extra.append(("root_cause_comment", .string(try params.string("root_cause_comment", required: true)!)))
        extra.append(("solution", .string(try params.string("solution", required: true)!)))
        for name in ["is_common_issue", "is_need_change"] {
            if let value = try params.bool(name) { extra.append((name, .bool(value))) }
        }
        for (index, item) in (try params.array("sub_tickets") ?? []).enumerated() {
            guard item.objectValue != nil else { throw .wrongType("params.sub_tickets[\(index)]", "an object") }
            let reader = BodyReader(body: item, prefix: "params.sub_tickets[\(index)].")
            for name in ["affected_region", "target_type", "target_value"] { _ = try reader.string(name) }
        }
        return extra
    }

    /// `PUT /v1/change/tickets/{id}` and `PUT /v2/changes/{id}` (huawei-coc.md §5.2): the command
    /// from `history_info.action`, the `ticket_info.phase` claim, and `sub_tickets[].change_result`.
    static func parseUpdate(_ body: BodyReader) throws(COCError) -> (ParsedAction, phase: String?, results: [(String?, String)]) {
        guard let history = try body.object("history_info") else { throw COCError.missing("history_info") }
        let action = try history.string("action", required: true, changeUpdates)!
        let command: TicketCommand =
            switch action {
            case "change_start_change_success": .startChange
            case "change_end_change_success": .endChange
            case "change_set_change_result_success": .setResult(success: true)
            case "change_result_failed": .setResult(success: false)
            case "change_cancel_change_success": .cancel
            default: .complete
            }
        var phase: String?
        if let info = try body.object("ticket_info") {
            phase = try info.string("phase", ChangePhase.allCases.map(\.rawValue))
            _ = try info.string("work_flow_status")
        }
        var results: [(String?, String)] = []
        for (index, item) in (try body.array("sub_tickets") ?? []).enumerated() {
            guard item.objectValue != nil else { throw .wrongType("sub_tickets[\(index)]", "an object") }
            let reader = BodyReader(body: item, prefix: "sub_tickets[\(index)].")
            for name in ["is_verified_in_change_time", "is_rollback_success", "is_monitor_found"] { _ = try reader.bool(name) }
            for name in ["rollback_start_time", "rollback_end_time"] { _ = try reader.int(name) }
            for name in ["verified_docs", "comment", "change_fail_type"] { _ = try reader.string(name) }
            let ticket = try reader.string("ticket_id")
            if let result = try reader.string("change_result") { results.append((ticket, result)) }
        }
        return (ParsedAction(command: command, name: action), phase, results)
    }
}
