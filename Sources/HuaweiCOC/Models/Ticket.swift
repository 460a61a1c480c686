import MockCore

/// The two ticket families of `/v1/{ticket_type}/…` (huawei-coc.md §3.1).
enum TicketKind: String, Sendable, CaseIterable {
    case change
    case issue = "issues_mgmt"

    /// `CM…` for changes, `PM…` for issues (huawei-coc.md §8).
    var idPrefix: String { self == .change ? "CM" : "PM" }
}

/// Issue `work_flow_status` values: mock-defined (huawei-coc.md §7.1; Huawei's are unknown).
enum IssueStatus: String, Sendable, CaseIterable {
    case draft = "DRAFT", unaccepted = "UNACCEPTED", handling = "HANDLING"
    case suspendApproving = "SUSPEND_APPROVING", suspended = "SUSPENDED"
    case rejected = "REJECTED", canceled = "CANCELED", solved = "SOLVED"

    var isFinal: Bool { self == .rejected || self == .canceled || self == .solved }
}

/// Change `phase` values, SDK spelling (huawei-coc.md §7.2).
enum ChangePhase: String, Sendable, CaseIterable {
    case draft = "phase_change_draft", approve = "phase_change_approve"
    case implement = "phase_change_implemente", apply = "phase_change_apply"
    case end = "phase_change_end", cancel = "phase_change_cancel", close = "phase_change_close"
}

/// Where a ticket is in its flow: one of the two vocabularies.
enum TicketState: Sendable, Equatable {
    case issue(IssueStatus)
    case change(ChangePhase)

    /// `work_flow_status` and `phase` (the mock mirrors one in the other).
    var text: String {
        switch self {
        case .issue(let status): status.rawValue
        case .change(let phase): phase.rawValue
        }
    }
}

/// One entry of list-histories: `{action, operator, time, params}` (huawei-coc.md §7.1 [mock]).
struct HistoryEntry: Sendable {
    var action: String
    var operatorId: String
    var time: Int64
    var params: JSON
    var status: String
}

/// A validated field kept as compact values: the field's index in its rule table and its value.
struct StoredField: Sendable {
    var value: StoredValue
    var rule: UInt8

    init(rule: UInt8, value: StoredValue) {
        self.value = value
        self.rule = rule
    }
}

enum StoredValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case bool(Bool)

    var json: JSON {
        switch self {
        case .string(let s): .string(s)
        case .int(let i): .int(i)
        case .bool(let b): .bool(b)
        }
    }
}

/// A change plan or scope line (`TicketCreateSubTicketInfo`, huawei-coc.md §4.3), plus what
/// `PUT` later records on it.
struct SubTicket: Sendable {
    var fields: FieldPack
    var changeResult: String?
}

/// One change or issue ticket, kept compact (values, not JSON trees); JSON is built on answer.
struct Ticket: Sendable {
    var number: TicketNumber
    var uuid: UUIDValue
    var state: TicketState
    var isStartProcess: Bool
    /// The create body's fields, in the order of the kind's rule table, then (a change's) each
    /// sub-ticket's as a section of the same pack.
    var fields: FieldPack
    /// What `PUT` recorded on sub-tickets, by position (none until then).
    private(set) var changeResults: [(index: Int, result: String)] = []
    var creator: String
    var domainId: String
    var assignee: String
    var createTime: Int64
    var updateTime: Int64
    var history: [HistoryEntry] = []
    /// Set by actions: level changes, solution fields, change start/end times.
    var updates: [(name: String, value: StoredValue)] = []
    /// The position in its namespace's creation order and the number of changes so far: together
    /// they name one version of the ticket (the key of its rendered detail).
    var serial: UInt32 = 0
    var revision: UInt32 = 0

    var kind: TicketKind { number.kind }

    /// The sub-tickets, read out of the pack with what `PUT` recorded on them.
    var subTickets: [SubTicket] {
        fields.sections.enumerated().map { index, fields in
            SubTicket(fields: fields, changeResult: changeResults.last { $0.index == index }?.result)
        }
    }

    mutating func recordChangeResult(_ result: String, subTicket index: Int) {
        changeResults.removeAll { $0.index == index }
        changeResults.append((index, result))
    }
    var ticketId: String { number.text }
    var id: String { uuid.text }

    /// A sub-ticket's id: the ticket number and its position.
    func subTicketId(_ index: Int) -> String { Self.subTicketId(index, of: ticketId) }

    static func subTicketId(_ index: Int, of ticketId: String) -> String { ticketId + "-" + String(index + 1) }

    func value(_ name: String) -> StoredValue? {
        if let updated = updates.last(where: { $0.name == name }) { return updated.value }
        guard let rule = CreateRules.table(for: kind).firstIndex(where: { $0.name == name }) else { return nil }
        return fields.value(rule: UInt8(rule))
    }

    mutating func set(_ name: String, _ value: StoredValue) {
        updates.removeAll { $0.name == name }
        updates.append((name, value))
    }
}
