/// A label an account defines and puts on its cases (`label_id` is an int, huawei-osm.md §9).
struct Label: Sendable, Equatable {
    var id: Int
    var domain: String
    var name: String
    var color: String
}

/// An uploaded attachment (`accessory_id`: 32 lower-case hex, §9 [mock]).
struct Accessory: Sendable {
    var id: String
    var domain: String
    var name: String
    /// `incident` or `message`.
    var from: String
    var data: [UInt8]
    var uploadedAt: Int64
}

/// A contact the customer proved they own; its `verified_id` goes in the create_cases headers.
struct VerifiedContact: Sendable, Equatable {
    var domain: String
    /// 0 SMS (phone), 1 email.
    var way: Int
    var value: String
    var areaCode: String
    var verifiedId: String
    var expiresAt: Int64
}

/// Verification codes sent and contacts verified (huawei-osm.md §3.4).
struct Verification: Sendable {
    struct Pending: Sendable { var code: String; var areaCode: String; var expiresAt: Int64 }
    /// Keyed by domain, way and value.
    var pending: [String: Pending] = [:]
    var verified: [VerifiedContact] = []

    static let codeLifetimeMs: Int64 = 5 * 60 * 1000
    static let verifiedLifetimeMs: Int64 = 24 * 3600 * 1000

    static func key(domain: String, way: Int, value: String) -> String { "\(domain)|\(way)|\(value)" }

    mutating func send(domain: String, way: Int, value: String, areaCode: String, code: String, now: Int64) {
        pending[Self.key(domain: domain, way: way, value: value)] =
            Pending(code: code, areaCode: areaCode, expiresAt: now + Self.codeLifetimeMs)
    }

    /// Checks a code; a match verifies the contact (once) and returns it.
    mutating func check(
        domain: String, way: Int, value: String, code: String, now: Int64, newId: () -> String
    ) throws(OSMError) -> VerifiedContact {
        let key = Self.key(domain: domain, way: way, value: value)
        guard let sent = pending[key], sent.code == code, sent.expiresAt >= now else { throw .verificationFailed }
        pending[key] = nil
        if let index = verified.firstIndex(where: { $0.domain == domain && $0.way == way && $0.value == value }) {
            verified[index].expiresAt = now + Self.verifiedLifetimeMs
            return verified[index]
        }
        let contact = VerifiedContact(
            domain: domain, way: way, value: value, areaCode: sent.areaCode, verifiedId: newId(),
            expiresAt: now + Self.verifiedLifetimeMs)
        verified.append(contact)
        return contact
    }

    func contacts(domain: String, now: Int64) -> [VerifiedContact] {
        verified.filter { $0.domain == domain && $0.expiresAt >= now }
    }

    func isVerified(domain: String, way: Int, verifiedId: String, now: Int64) -> Bool {
        contacts(domain: domain, now: now).contains { $0.way == way && $0.verifiedId == verifiedId }
    }
}
