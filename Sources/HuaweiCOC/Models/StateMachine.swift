import MockCore

/// What can be done to a change or issue ticket, already validated (Validation.swift builds these
/// from `/actions` bodies, `PUT` bodies and admin calls).
enum TicketCommand: Sendable, Equatable {
    // Issue actions (huawei-coc.md §7.1).
    case accept
    case rejectUnaccepted
    case undo
    case requestSuspension
    case approve(Bool)
    case resume
    case solve
    case forward(to: String)
    case changeLevel(String)
    // Mock-only: a draft goes into the flow (both kinds); a returned change goes back to approval.
    case submit
    case resubmit
    // Change (huawei-coc.md §7.2): actions and `PUT` `history_info.action`.
    case reject
    case cancel
    case startChange
    case endChange
    case setResult(success: Bool)
    case complete

    /// The vendor's name for it, as recorded in histories.
    var name: String { ActionNames.name(of: self) }
}

/// The transition tables of huawei-coc.md §7.1 and §7.2: from which states a command may run and
/// where it leads (nil: stays).
enum Transitions {
    typealias IssueRow = (from: [IssueStatus], to: IssueStatus?)
    typealias ChangeRow = (from: [ChangePhase], to: ChangePhase?)

    static let open: [IssueStatus] = [.draft, .unaccepted, .handling, .suspendApproving, .suspended]

    static func issue(_ command: TicketCommand) -> IssueRow? {
        switch command {
        case .submit: ([.draft], .unaccepted)
        case .accept: ([.unaccepted], .handling)
        case .rejectUnaccepted: ([.unaccepted], .rejected)
        case .undo: ([.unaccepted, .handling], .canceled)
        case .requestSuspension: ([.handling], .suspendApproving)
        case .approve(let yes): ([.suspendApproving], yes ? .suspended : .handling)
        case .resume: ([.suspended], .handling)
        case .solve: ([.handling], .solved)
        case .forward, .changeLevel: (open, nil)
        default: nil
        }
    }

    static func change(_ command: TicketCommand, started: Bool, ended: Bool) -> ChangeRow? {
        switch command {
        case .submit: ([.draft], .approve)
        case .approve(let yes): ([.approve], yes ? .implement : .apply)
        case .reject: ([.approve], .apply)
        case .resubmit: ([.apply], .approve)
        case .startChange: ([.implement], nil)
        case .endChange: (started ? [.implement] : [], nil)
        case .setResult: (ended ? [.implement] : [], .end)
        case .complete: ([.end], .close)
        case .cancel: ([.draft, .approve, .apply, .implement], .cancel)
        default: nil
        }
    }
}

extension Ticket {
    var changeStarted: Bool { value("change_start_time") != nil }
    var changeEnded: Bool { value("change_end_time") != nil }

    /// Runs one command: checks the table, moves the state, records effects and history.
    /// `extra` are fields the command stores (the solution, the new level, …).
    mutating func apply(
        _ command: TicketCommand, named: String? = nil, by user: String, assignTo: String? = nil, at now: Int64,
        params: JSON = [:], extra: [(String, StoredValue)] = []
    ) throws(COCError) {
        switch state {
        case .issue(let status):
            guard let row = Transitions.issue(command), row.from.contains(status) else {
                throw COCError.notAllowed(named ?? command.name, status.rawValue)
            }
            if let to = row.to { state = .issue(to) }
        case .change(let phase):
            guard let row = Transitions.change(command, started: changeStarted, ended: changeEnded),
                row.from.contains(phase)
            else { throw COCError.notAllowed(named ?? command.name, phase.rawValue) }
            if let to = row.to { state = .change(to) }
        }
        switch command {
        case .accept:
            let contact = value("issue_contact_person").flatMap { if case .string(let s) = $0 { s } else { nil } }
            assignee = assignTo ?? contact ?? creator
        case .forward(let to): assignee = to
        case .changeLevel(let level): set("level", .string(level))
        case .startChange: set("change_start_time", .int(now))
        case .endChange: set("change_end_time", .int(now))
        default: break
        }
        for (name, value) in extra { set(name, value) }
        updateTime = now
        history.append(
            HistoryEntry(action: named ?? command.name, operatorId: user, time: now, params: params, status: state.text))
    }
}
