import MockCore

/// The customer operations on cases: one call per route, each taking the partition's lock once
/// and emitting its events after releasing it.
struct OSMService: Sendable {
    let context: EmulatorContext
    let catalogs: CatalogHolder

    static let vendor = "huawei_osm"

    func partition(_ namespace: String) -> OSMPartition {
        context.store.partition(vendor: Self.vendor, namespace: namespace) { OSMPartition(catalog: catalogs.current) }
    }

    func catalog(_ namespace: String) -> Catalog { partition(namespace).catalog }

    var now: Timestamp { context.clock.now() }

    // MARK: Cases

    func create(body: [UInt8], headers: Headers, namespace: String, domain: String) throws(OSMError) -> CaseSnapshot {
        let part = partition(namespace)
        let new = try CreateCaseRules.validate(body: body, headers: headers, catalog: part.catalog)
        let time = now
        let created = try part.book.withLock { book throws(OSMError) -> CaseSnapshot in
            if part.catalog.settings.strictVerification {
                try checkVerified(new, book: book, domain: domain, now: time.milliseconds)
            }
            return book.create(new, domain: domain, now: time)
        }
        emit("case_created", created, namespace: namespace)
        return created
    }

    private func checkVerified(_ new: NewCase, book: CaseBook, domain: String, now: Int64) throws(OSMError) {
        if let id = new.phoneVerifiedId, !book.verification.isVerified(domain: domain, way: 0, verifiedId: id, now: now) {
            throw .verificationFailed
        }
        if let id = new.emailVerifiedId, !book.verification.isVerified(domain: domain, way: 1, verifiedId: id, now: now) {
            throw .verificationFailed
        }
    }

    func detail(_ id: String, namespace: String, domain: String?) throws(OSMError) -> CaseSnapshot {
        try partition(namespace).book.withLock { book throws(OSMError) -> CaseSnapshot in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            return book.snapshot(at: index)
        }
    }

    /// `show_case_detail`'s `incident_detail_info` as bytes: written once per state of the case
    /// and language, and reused while the case reads the same (`DetailSource`).
    func renderedDetail(_ id: String, namespace: String, domain: String, language: Language) throws(OSMError) -> [UInt8] {
        let part = partition(namespace)
        let snapshot = try part.book.withLock { book throws(OSMError) -> CaseSnapshot in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            return book.snapshot(at: index)
        }
        let source = DetailSource(snapshot)
        let key = DetailKey(caseKey: source.record.key, language: language)
        return part.renderedDetails.bytes(for: key, current: source) {
            var out = JSONStream(capacity: 4096)
            CaseViews.writeDetail(source, catalog: part.catalog, language: language, into: &out)
            return .init(source: source, bytes: out.bytes)
        }
    }

    func list(_ filter: CaseFilter, namespace: String, domain: String) -> (total: Int, page: [CaseSnapshot]) {
        partition(namespace).book.withLock { $0.list(filter, domain: domain) }
    }

    func counts(namespace: String, domain: String) -> [CaseStatus: Int] {
        partition(namespace).book.withLock { $0.counts(domain: domain) }
    }

    /// `POST …/action?action_id=` (huawei-osm.md §6).
    func operate(_ id: String, action: String?, body: [UInt8], namespace: String, domain: String) throws(OSMError) {
        let event: CaseEvent
        switch action {
        case "cancel": event = .cancel
        case "close": event = .close
        case "press": event = .press
        case "delete": event = .delete
        default: throw .unknownOperation
        }
        let fields = try Fields(body: body.isEmpty ? Array("{}".utf8) : body)
        let judgement = try fields.string("judgement", max: 1000)
        let operateDesc = try fields.string("operate_desc", max: 1000)
        let satisfaction = try ScoreRules.satisfaction(fields, catalog: catalog(namespace), required: false)
        let time = now.milliseconds
        let cooldown = catalog(namespace).settings.pressCooldownMs
        let result = try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            let key = book.cases[index].key
            if event == .press, let last = book.extras[key]?.lastPressedAt, time - last < cooldown,
                CaseStatus.open.contains(book.cases[index].status)
            {
                throw .pressTooFrequent
            }
            let type: OperateType =
                switch event {
                case .cancel: .cancel
                case .close: .close
                case .press: .press
                default: .statusChange
                }
            let log = customerLog(type, desc: operateDesc, domain: domain, at: time, namespace: namespace)
            let outcome = try book.apply(event, at: index, log: log)
            if event == .press { book.extras[key, default: CaseExtras()].lastPressedAt = time }
            if event == .close {
                if !judgement.isEmpty { book.extras[key, default: CaseExtras()].judgement = judgement }
                if !satisfaction.isEmpty { book.extras[key, default: CaseExtras()].satisfaction = satisfaction }
            }
            return outcome
        }
        if result.statusChanged { emitStatus(result.snapshot, namespace: namespace) }
    }

    /// `POST …/score`: rates a completed case.
    func score(_ id: String, body: [UInt8], namespace: String, domain: String) throws(OSMError) {
        let fields = try Fields(body: body)
        let judgement = try fields.required("judgement", max: 1000)
        let satisfaction = try ScoreRules.satisfaction(fields, catalog: catalog(namespace), required: true)
        let time = now.milliseconds
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            let log = customerLog(.score, desc: judgement, domain: domain, at: time, namespace: namespace)
            _ = try book.apply(.score, at: index, log: log)
            let key = book.cases[index].key
            book.extras[key, default: CaseExtras()].judgement = judgement
            book.extras[key, default: CaseExtras()].satisfaction = satisfaction
        }
    }

    /// `POST …/message`: a customer message; a case waiting on the customer goes back to processing.
    func addMessage(_ id: String, body: [UInt8], namespace: String, domain: String) throws(OSMError) {
        let fields = try Fields(body: body)
        guard let message = try fields.object("message") else { throw .invalidParam }
        let content = try message.required("content", max: 2000)
        let accessoryIds = try message.strings("accessory_ids", maxItems: 5, itemMax: 32)
        let time = now.milliseconds
        let entry = CaseMessage(
            id: context.ids.uuid(namespace), author: .customer, content: content, createdAt: time, replier: domain,
            replierName: DomainNames.name(domain), accessoryIds: accessoryIds)
        let result = try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            let log = customerLog(.message, desc: "", domain: domain, at: time, namespace: namespace)
            return try book.apply(.customerMessage, at: index, log: log, message: entry)
        }
        emit("message_added", result.snapshot, namespace: namespace, details: ["message_id": .string(entry.id), "type": 0])
        if result.statusChanged { emitStatus(result.snapshot, namespace: namespace) }
    }

    /// `POST …/instant-messages/{message_id}/withdraw`: the customer takes back their own message.
    func withdraw(_ id: String, messageId: String, namespace: String, domain: String) throws(OSMError) {
        let time = now.milliseconds
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            let key = book.cases[index].key
            guard let position = book.extras[key]?.messages.firstIndex(where: { $0.id == messageId }),
                book.extras[key]?.messages[position].author == .customer
            else { throw .invalidParam }
            book.extras[key]?.messages.remove(at: position)
            book.extras[key]?.logs.append(customerLog(.withdraw, desc: messageId, domain: domain, at: time, namespace: namespace))
        }
    }

    func customerLog(_ type: OperateType, desc: String, domain: String, at time: Int64, namespace: String) -> OperateLog {
        OperateLog(
            id: context.ids.uuid(namespace), type: type, byHuawei: false, operatorId: domain,
            operatorName: DomainNames.name(domain), description: desc.isEmpty ? type.description : desc, at: time)
    }

    // MARK: Events

    func emit(_ name: String, _ snapshot: CaseSnapshot, namespace: String, details: JSON = [:]) {
        guard context.events.isObserved(Self.vendor + "." + name) else { return }
        let ticket = CaseViews.ticket(snapshot, catalog: catalog(namespace))
        context.events.emit(
            DomainEvent(
                name: Self.vendor + "." + name, namespace: namespace, ticketId: snapshot.record.id,
                ticket: ticket, details: details))
    }

    func emitStatus(_ snapshot: CaseSnapshot, namespace: String) {
        emit("status_reached", snapshot, namespace: namespace, details: ["status": JSON(snapshot.record.status.code)])
    }
}

/// Display names of accounts (the store knows only their ids).
enum DomainNames {
    static func name(_ domain: String) -> String { domain == "mockdomainid0001" ? "mockdomain" : domain }
}
