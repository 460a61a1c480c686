import MockCore

/// Attachments and verification codes (huawei-osm.md §3.3, §3.4).
extension OSMService {
    func storeAccessory(name: String, from: String, data: [UInt8], namespace: String, domain: String) -> String {
        let id = context.ids.hex(namespace, count: 32)
        let accessory = Accessory(id: id, domain: domain, name: name, from: from, data: data, uploadedAt: now.milliseconds)
        partition(namespace).book.withLock { $0.accessories[id] = accessory }
        return id
    }

    func accessory(_ id: String, namespace: String, domain: String) throws(OSMError) -> Accessory {
        try partition(namespace).book.withLock { book throws(OSMError) -> Accessory in
            guard let found = book.accessories[id], found.domain == domain else { throw .invalidParam }
            return found
        }
    }

    func deleteAccessory(_ id: String, namespace: String, domain: String) throws(OSMError) {
        try partition(namespace).book.withLock { book throws(OSMError) in
            guard let found = book.accessories[id], found.domain == domain else { throw .invalidParam }
            book.accessories[id] = nil
        }
    }

    /// Sends a code; the mock answers it back as `mock_verify_code` (no SMS or mail leaves).
    func sendCode(_ contact: ContactRef, namespace: String, domain: String) -> String {
        let code = context.ids.digits(namespace, count: 6)
        let time = now.milliseconds
        partition(namespace).book.withLock {
            $0.verification.send(
                domain: domain, way: contact.way, value: contact.value, areaCode: contact.areaCode,
                code: code, now: time)
        }
        return code
    }

    func checkCode(_ contact: ContactRef, code: String, namespace: String, domain: String) throws(OSMError) -> VerifiedContact {
        let time = now.milliseconds
        let newId = context.ids.hex(namespace, count: 32)
        return try partition(namespace).book.withLock { book throws(OSMError) -> VerifiedContact in
            try book.verification.check(domain: domain, way: contact.way, value: contact.value, code: code, now: time) { newId }
        }
    }

    func verifiedContacts(namespace: String, domain: String) -> [VerifiedContact] {
        let time = now.milliseconds
        return partition(namespace).book.withLock { $0.verification.contacts(domain: domain, now: time) }
    }
}
