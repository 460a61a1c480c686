import MockCore
import Synchronization

/// A case as read out of the store: the record, what it gained since creation, and its account.
struct CaseSnapshot: Sendable {
    var record: CaseRecord
    var extras: CaseExtras?
    var domainId: String
    var labels: [Label]
}

/// What list_cases filters on (huawei-osm.md §5.2).
struct CaseFilter: Sendable {
    var searchKeys: [String] = []
    var labelIds: [Int] = []
    var incidentId: String?
    var from: Int64?
    var to: Int64?
    var statuses: Set<CaseStatus>?
    var customerId: String?
    var offset = 0
    var limit = 10
}

/// The cases, attachments, labels and verified contacts of one namespace. Cases are kept in
/// creation order; `position` finds them by key.
struct CaseBook: Sendable {
    var cases = SegmentedArray<CaseRecord>()
    var removed = SegmentedArray<Bool>()
    /// Positions in `cases` by case key (`position(of:)`).
    var positions = PositionIndex()
    var extras: [Int64: CaseExtras] = [:]
    /// `extends_map` and `extension_map` by position, beside `cases`: a dictionary by key grew by
    /// rehashing every entry under the lock (40–60 ms stalls at a million cases).
    var parameters = SegmentedArray<CaseParameters>()
    var domains: [String] = []
    var domainIndex: [String: UInt32] = [:]
    /// Days since the epoch (UTC) and their yyyymmdd, for the daily id counter.
    var currentDayNumber: Int64 = -1
    var day: Int64 = 0
    var dayCounter: Int64 = 0
    var labels: [Label] = []
    var nextLabelId = 1
    var accessories: [String: Accessory] = [:]
    var verification = Verification()

    mutating func intern(domain: String) -> UInt32 {
        if let index = domainIndex[domain] { return index }
        let index = UInt32(domains.count)
        domains.append(domain)
        domainIndex[domain] = index
        return index
    }

    /// The case `id` if it exists in the caller's account (deleted cases do not).
    func locate(_ id: String, domain: String?) -> Int? {
        guard let key = CaseId.parse(id), let index = position(of: key), !removed[index] else { return nil }
        if let domain, domains[Int(cases[index].domain)] != domain { return nil }
        return index
    }

    func position(of key: Int64) -> Int? {
        positions.find(hash: UInt64(bitPattern: key)) { cases[$0].key == key }
    }

    func snapshot(at index: Int) -> CaseSnapshot {
        let record = cases[index]
        let extra = extras[record.key]
        let caseLabels = (extra?.labelIds ?? []).compactMap { id in labels.first { $0.id == id } }
        return CaseSnapshot(record: record, extras: extra, domainId: domains[Int(record.domain)], labels: caseLabels)
    }

    mutating func create(_ new: NewCase, domain: String, now: Timestamp) -> CaseSnapshot {
        let dayNumber = now.milliseconds / 86_400_000
        if dayNumber != currentDayNumber {
            currentDayNumber = dayNumber
            day = Int64(now.civil().compactDate) ?? 0
            dayCounter = 0
        }
        let date = day
        dayCounter += 1
        let key = CaseId.key(date: date, counter: dayCounter)
        let record = CaseRecord(
            key: key, createdAt: now.milliseconds, domain: intern(domain: domain), status: .pending,
            subType: new.subType, productCategory: new.productCategory, businessType: new.businessType,
            severity: new.severity, description: new.description, regionId: new.regionId,
            remindMobile: new.remindMobile, remindMail: new.remindMail, remindTime: new.remindTime,
            areaCode: new.areaCode, projectId: new.projectId, accessoryIds: new.accessoryIds)
        cases.append(record)
        removed.append(false)
        parameters.append(CaseParameters(extendsMap: new.extendsMap, extensionMap: new.extensionMap))
        // The key repeats only if the clock is set back a day; then the newest case is found.
        let all = cases  // shares the chunks (no copy) for the look-ups
        positions.upsert(cases.count - 1, hash: UInt64(bitPattern: key)) { all[$0].key == key }
        return snapshot(at: cases.count - 1)
    }

    /// The matching cases of the caller's account, newest first, paged; and how many matched.
    func list(_ filter: CaseFilter, domain: String) -> (total: Int, page: [CaseSnapshot]) {
        guard let domainId = domainIndex[domain] else { return (0, []) }
        if let customer = filter.customerId, !customer.isEmpty, customer != domain { return (0, []) }
        var total = 0
        var page: [CaseSnapshot] = []
        for index in cases.indices.reversed() where !removed[index] && cases[index].domain == domainId {
            guard matches(cases[index], filter) else { continue }
            if total >= filter.offset, page.count < filter.limit { page.append(snapshot(at: index)) }
            total += 1
        }
        return (total, page)
    }

    private func matches(_ record: CaseRecord, _ filter: CaseFilter) -> Bool {
        if let statuses = filter.statuses, !statuses.contains(record.status) { return false }
        if let from = filter.from, record.createdAt < from { return false }
        if let to = filter.to, record.createdAt > to { return false }
        if let wanted = filter.incidentId, !wanted.isEmpty, record.id != wanted { return false }
        if !filter.labelIds.isEmpty {
            let own = extras[record.key]?.labelIds ?? []
            if !filter.labelIds.contains(where: own.contains) { return false }
        }
        for key in filter.searchKeys where !key.isEmpty {
            if !record.description.contains(key) && !record.id.contains(key) { return false }
        }
        return true
    }

    /// Cases of the caller's account per status, in the order of §7.
    func counts(domain: String) -> [CaseStatus: Int] {
        var result: [CaseStatus: Int] = [:]
        guard let domainId = domainIndex[domain] else { return result }
        for index in cases.indices where !removed[index] && cases[index].domain == domainId {
            result[cases[index].status, default: 0] += 1
        }
        return result
    }

    /// Applies a state-machine event; returns the case after it and whether the status changed.
    mutating func apply(
        _ event: CaseEvent, at index: Int, log: OperateLog?, message: CaseMessage? = nil
    ) throws(OSMError) -> (snapshot: CaseSnapshot, statusChanged: Bool) {
        let before = cases[index].status
        let effect = try CaseMachine.apply(event, to: before).get()
        let key = cases[index].key
        switch effect {
        case .remove:
            removed[index] = true
            extras[key] = nil
            parameters[index] = CaseParameters()
            return (snapshot(at: index), false)
        case .moveTo(let status):
            cases[index].status = status
            if status == .completed { extras[key, default: CaseExtras()].resolvedAt = log?.at }
        case .unchanged:
            break
        }
        if let log { extras[key, default: CaseExtras()].logs.append(log) }
        if let message { extras[key, default: CaseExtras()].messages.append(message) }
        return (snapshot(at: index), cases[index].status != before)
    }
}

/// One namespace's OSM state (a `Store` partition).
final class OSMPartition: PartitionState {
    let catalog: Catalog
    let book = Mutex(CaseBook())
    /// Detail answers by case and language: pollers ask for the same case again and again, and it
    /// is the largest answer. Checked against the case on every use (`DetailSource`).
    let renderedDetails = RenderingCache<DetailKey, DetailSource>()

    init(catalog: Catalog) { self.catalog = catalog }
}
