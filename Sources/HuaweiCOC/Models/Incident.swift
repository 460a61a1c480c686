import MockCore

/// Incident `status` values, as documented (huawei-coc.md §7.3).
enum IncidentStatus: String, Sendable, CaseIterable {
    case draft = "incident_draft"
    case triggered = "INCIDENT_STATUS_TRIGGERED"
    case acknowledged = "INCIDENT_STATUS_ACKNOWLEDGED"
    case rejected = "INCIDENT_STATUS_REJECTED"
    case resolved = "INCIDENT_STATUS_RESOLVED"
    case completed = "INCIDENT_STATUS_COMPLETED"
}

/// `operate_key` commands (huawei-coc.md §7.3), validated.
enum IncidentCommand: Sendable, Equatable {
    case accept
    case commitSolution
    case confirm(Bool)

    var key: String {
        switch self {
        case .accept: "acceptedIncident1"
        case .commitSolution: "commitSolution1"
        case .confirm: "confirm"
        }
    }

    /// The [inferred] transition table of §7.3.
    var transition: (from: IncidentStatus, to: IncidentStatus) {
        switch self {
        case .accept: (.triggered, .acknowledged)
        case .commitSolution: (.acknowledged, .resolved)
        case .confirm(let ok): (.resolved, ok ? .completed : .acknowledged)
        }
    }
}

/// One incident (事件单).
struct Incident: Sendable {
    var id: String
    var number: String
    var status: IncidentStatus
    /// The create body's fields (strings, ints) in `CreateExternalIncidentRequest` order.
    var fields: [(name: String, value: StoredValue)]
    var lists: [(name: String, values: [String])]
    var creator: String
    var domainId: String
    var createTime: Int64
    var updateTime: Int64
    var history: [HistoryEntry] = []

    func string(_ name: String) -> String? {
        if case .string(let s)? = fields.last(where: { $0.name == name })?.value { return s }
        return nil
    }

    mutating func apply(
        _ command: IncidentCommand, by user: String, at now: Int64, params: JSON,
        extra: [(String, StoredValue)]
    ) throws(COCError) {
        guard status == command.transition.from else { throw COCError.notAllowed(command.key, status.rawValue) }
        status = command.transition.to
        fields.append(contentsOf: extra.map { (name: $0.0, value: $0.1) })
        updateTime = now
        history.append(HistoryEntry(action: command.key, operatorId: user, time: now, params: params, status: status.rawValue))
    }
}

extension COCModel {
    func createIncident(
        fields: [(name: String, value: StoredValue)], lists: [(name: String, values: [String])],
        creator: String, domainId: String, namespace: String
    ) -> Incident {
        let time = now
        return state(namespace).tables.withLock { t in
            let number = newIncidentNumber(namespace: namespace) { t.incidents[$0] != nil }
            let incident = Incident(
                id: context.ids.uuid(namespace), number: number, status: .triggered, fields: fields, lists: lists,
                creator: creator, domainId: domainId, createTime: time, updateTime: time)
            t.incidents[number] = incident
            t.incidentOrder.append(number)
            return incident
        }
    }

    /// By `incident_num` or uuid.
    func incident(_ id: String, namespace: String) -> Incident? {
        state(namespace).tables.withLock { t in t.incidents[id] ?? t.incidents.values.first { $0.id == id } }
    }

    func modifyIncident(_ id: String, namespace: String, _ change: (inout Incident) throws(COCError) -> Void) throws(COCError)
        -> Incident
    {
        try state(namespace).tables.withLock { (t) throws(COCError) -> Incident in
            let key = t.incidents[id] != nil ? id : t.incidents.values.first { $0.id == id }?.number
            guard let key, var incident = t.incidents[key] else { throw COCError.unknownTicket }
            try change(&incident)
            t.incidents[key] = incident
            return incident
        }
    }

    func incidents(namespace: String) -> [Incident] {
        state(namespace).tables.withLock { t in t.incidentOrder.compactMap { t.incidents[$0] } }
    }

    /// Tickets (deleted ones leave nil) plus incidents, without copying or rendering any.
    func count(namespace: String) -> Int {
        state(namespace).tables.withLock { t in t.tickets.count { $0 != nil } + t.incidents.count }
    }
}
