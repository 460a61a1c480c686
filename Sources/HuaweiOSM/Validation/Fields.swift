import MockCore

/// Reads typed fields of an OSM request body the way the service's parameter checks do: `null`
/// is absent, lengths count UTF-16 units (a Java back end), and any mismatch is `OSM.01010001`.
/// It reads the body's tape in place: only the values a rule keeps become strings.
struct Fields {
    private let body: JSONTape
    /// The members of the object read, found by name.
    private let members: JSONTape.MemberTable

    /// The body as a JSON object, else `OSM.01010001` (broken JSON, an array, a scalar).
    init(body: [UInt8]) throws(OSMError) {
        guard let tape = try? JSONTape.parse(body), tape.kind(at: tape.root) == .object else { throw .invalidParam }
        self.init(body: tape, object: tape.root)
    }

    private init(body: JSONTape, object: Int) {
        self.body = body
        members = JSONTape.MemberTable(body, object: object)
    }

    /// The member named `key`, nil when it is missing or `null`.
    private func member(_ key: String) -> Int? {
        guard let position = members.member(key), body.kind(at: position) != .null else { return nil }
        return position
    }

    func has(_ key: String) -> Bool { member(key) != nil }

    /// A string of at most `max` units; absent or null gives "". `coerceNumber` accepts an integer
    /// where a string belongs (the vendor example's `"area_code": 86`).
    func string(_ key: String, max: Int, coerceNumber: Bool = false) throws(OSMError) -> String {
        guard let position = member(key) else { return "" }
        if let number = body.int(at: position), coerceNumber {
            let text = String(number)
            guard Self.fits(text, max: max) else { throw .invalidParam }
            return text
        }
        guard body.withUTF8(at: position, { Self.fits($0, max: max) }) == true, let text = body.string(at: position) else {
            throw .invalidParam
        }
        return text
    }

    /// At most `max` UTF-16 units. Never more units than UTF-8 bytes, so the byte count (known
    /// at once) settles most texts; only long non-ASCII ones are counted unit by unit.
    static func fits(_ text: String, max: Int) -> Bool { text.utf8.count <= max || text.utf16.count <= max }

    static func fits(_ utf8: UnsafeBufferPointer<UInt8>, max: Int) -> Bool {
        utf8.count <= max || String(decoding: utf8, as: UTF8.self).utf16.count <= max
    }

    /// A string that must be present and non-empty.
    func required(_ key: String, max: Int) throws(OSMError) -> String {
        let text = try string(key, max: max)
        guard !text.isEmpty else { throw .invalidParam }
        return text
    }

    /// An integer (a JSON integer, or a string of digits as some clients send), absent gives nil.
    func int(_ key: String) throws(OSMError) -> Int64? {
        guard let position = member(key) else { return nil }
        if let number = body.int(at: position) { return number }
        guard let number = body.string(at: position).flatMap({ Int64($0) }) else { throw .invalidParam }
        return number
    }

    /// An array of strings, each `itemMin`…`itemMax` long, at most `maxItems` of them.
    func strings(_ key: String, maxItems: Int, itemMin: Int = 1, itemMax: Int) throws(OSMError) -> [String] {
        guard let position = member(key) else { return [] }
        guard body.kind(at: position) == .array, body.count(at: position) <= maxItems else { throw .invalidParam }
        var result: [String] = []
        result.reserveCapacity(body.count(at: position))
        for item in body.elements(of: position) {
            guard let text = body.string(at: item), text.utf16.count >= itemMin, text.utf16.count <= itemMax else {
                throw .invalidParam
            }
            result.append(text)
        }
        return result
    }

    /// A map; an empty array counts as an empty map (the vendor example sends `"extends_map": [ ]`).
    func map(_ key: String) throws(OSMError) -> JSONObject? {
        guard let position = member(key) else { return nil }
        switch body.kind(at: position) {
        case .object: return body.count(at: position) == 0 ? nil : body.json(at: position).objectValue
        case .array where body.count(at: position) == 0: return nil
        default: throw .invalidParam
        }
    }

    /// The object named `key`, nil when it is missing or `null`.
    func object(_ key: String) throws(OSMError) -> Fields? {
        guard let position = member(key) else { return nil }
        guard body.kind(at: position) == .object else { throw .invalidParam }
        return Fields(body: body, object: position)
    }

    /// An array of objects, for lists such as `incident_satisfaction_list`.
    func objects(_ key: String) throws(OSMError) -> [Fields] {
        guard let position = member(key) else { return [] }
        guard body.kind(at: position) == .array else { throw .invalidParam }
        var result: [Fields] = []
        for item in body.elements(of: position) {
            guard body.kind(at: item) == .object else { throw .invalidParam }
            result.append(Fields(body: body, object: item))
        }
        return result
    }
}

/// Checks of the common headers (huawei-osm.md §1, §4.1).
enum HeaderRules {
    /// `X-Site` 0 or 1; `X-Language` / `X-Time-Zone` 1–32 when sent.
    static func check(_ headers: Headers) throws(OSMError) {
        if let site = headers["X-Site"] {
            guard site == "0" || site == "1" else { throw .invalidParam }
        }
        _ = try verifiedId(headers, "X-Language")
        _ = try verifiedId(headers, "X-Time-Zone")
    }

    /// `x-phone-verifiedid` / `x-email-verifiedid` (and the two optional common headers): 1–32
    /// units when sent.
    static func verifiedId(_ headers: Headers, _ name: String) throws(OSMError) -> String? {
        guard let value = headers[name] else { return nil }
        guard !value.isEmpty, Fields.fits(value, max: 32) else { throw .invalidParam }
        return value
    }
}
