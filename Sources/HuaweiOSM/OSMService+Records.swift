import MockCore

/// The customer's side records of a case: contact details, extension parameters, related cases
/// and labels (huawei-osm.md §3.1).
extension OSMService {
    func updateContact(_ id: String, body: [UInt8], namespace: String, domain: String) throws(OSMError) {
        let update = try ContactUpdate(body: body)
        let time = now.milliseconds
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            guard !CaseStatus.finished.contains(book.cases[index].status) else { throw .operationFailed }
            if let value = update.areaCode { book.cases[index].areaCode = value }
            if let value = update.remindMobile { book.cases[index].remindMobile = value }
            if let value = update.remindMail { book.cases[index].remindMail = value }
            if let value = update.remindTime { book.cases[index].remindTime = value }
            let log = customerLog(.contactChange, desc: "", domain: domain, at: time, namespace: namespace)
            book.extras[book.cases[index].key, default: CaseExtras()].logs.append(log)
        }
    }

    /// The case's `extends_map` (create, then merged by `POST …/extends-param`).
    func extendsParam(_ id: String, namespace: String, domain: String) throws(OSMError) -> JSON {
        try partition(namespace).book.withLock { book throws(OSMError) -> JSON in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            let bytes = book.parameters[index].extendsMap?.bytes
            return bytes.flatMap { try? JSONParser.parse($0) } ?? [:]
        }
    }

    func mergeExtendsParam(_ id: String, body: [UInt8], namespace: String, domain: String) throws(OSMError) {
        let fields = try Fields(body: body)
        guard let update = try fields.map("extends_map") else { throw .invalidParam }
        _ = try fields.string("message_id", max: 64)
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            let old = book.parameters[index].extendsMap.flatMap { try? JSONParser.parse($0.bytes) }?.objectValue ?? [:]
            var merged = old
            for (name, value) in update { merged[name] = value }
            book.parameters[index].extendsMap = JSONObjectBytes(bytes: JSON.object(merged).jsonBytes)
        }
    }

    /// Related cases: `{case_id, simple_description, user_name}`.
    func relations(_ id: String, namespace: String, domain: String) throws(OSMError) -> [JSON] {
        try partition(namespace).book.withLock { book throws(OSMError) -> [JSON] in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            return (book.extras[book.cases[index].key]?.relatedKeys ?? []).compactMap { key in
                guard let other = book.position(of: key), !book.removed[other] else { return nil }
                return [
                    "case_id": .string(CaseId.format(key)), "simple_description": .string(book.cases[other].description),
                    "user_name": .string(DomainNames.name(domain)),
                ]
            }
        }
    }

    func addRelations(_ id: String, body: [UInt8], namespace: String, domain: String) throws(OSMError) {
        let related = try Fields(body: body).strings("related_id_list", maxItems: 20, itemMax: 64)
        guard !related.isEmpty else { throw .invalidParam }
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            var keys: [Int64] = []
            for other in related {
                guard let otherIndex = book.locate(other, domain: domain) else { throw .caseNotFound }
                guard otherIndex != index else { throw .invalidParam }
                keys.append(book.cases[otherIndex].key)
            }
            let key = book.cases[index].key
            for other in keys where !(book.extras[key]?.relatedKeys.contains(other) ?? false) {
                book.extras[key, default: CaseExtras()].relatedKeys.append(other)
            }
        }
    }

    func deleteRelation(_ id: String, body: [UInt8], namespace: String, domain: String) throws(OSMError) {
        let related = try Fields(body: body).required("related_id", max: 64)
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            let key = book.cases[index].key
            guard let otherKey = CaseId.parse(related), let position = book.extras[key]?.relatedKeys.firstIndex(of: otherKey)
            else { throw .invalidParam }
            book.extras[key]?.relatedKeys.remove(at: position)
        }
    }

    // MARK: Labels

    func labels(namespace: String, domain: String) -> [Label] {
        partition(namespace).book.withLock { book in book.labels.filter { $0.domain == domain } }
    }

    func createLabel(name: String, color: String, namespace: String, domain: String) throws(OSMError) -> Label {
        try partition(namespace).book.withLock { book throws(OSMError) -> Label in
            guard !book.labels.contains(where: { $0.domain == domain && $0.name == name }) else { throw .invalidParam }
            let label = Label(id: book.nextLabelId, domain: domain, name: name, color: color)
            book.nextLabelId += 1
            book.labels.append(label)
            return label
        }
    }

    func updateLabel(_ id: Int, name: String?, color: String?, namespace: String, domain: String) throws(OSMError) {
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.labels.firstIndex(where: { $0.id == id && $0.domain == domain }) else {
                throw .invalidParam
            }
            if let name {
                guard !book.labels.contains(where: { $0.domain == domain && $0.name == name && $0.id != id }) else {
                    throw .invalidParam
                }
                book.labels[index].name = name
            }
            if let color { book.labels[index].color = color }
        }
    }

    func deleteLabel(_ id: Int, namespace: String, domain: String) throws(OSMError) {
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.labels.firstIndex(where: { $0.id == id && $0.domain == domain }) else {
                throw .invalidParam
            }
            book.labels.remove(at: index)
            for key in book.extras.keys where book.extras[key]?.labelIds.contains(id) == true {
                book.extras[key]?.labelIds.removeAll { $0 == id }
            }
        }
    }

    /// Puts labels on a case (`add`) or takes them off; every id must be one of the account's labels.
    func changeCaseLabels(_ id: String, labelIds: [Int], add: Bool, namespace: String, domain: String) throws(OSMError) {
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let index = book.locate(id, domain: domain) else { throw .caseNotFound }
            for labelId in labelIds where !book.labels.contains(where: { $0.id == labelId && $0.domain == domain }) {
                throw .invalidParam
            }
            let key = book.cases[index].key
            var current = book.extras[key]?.labelIds ?? []
            if add {
                for labelId in labelIds where !current.contains(labelId) { current.append(labelId) }
            } else {
                current.removeAll { labelIds.contains($0) }
            }
            book.extras[key, default: CaseExtras()].labelIds = current
        }
    }
}
