import MockCore

/// Reads typed fields of an OSM request body the way the service's parameter checks do: `null`
/// is absent, lengths count UTF-16 units (a Java back end), and any mismatch is `OSM.01010001`.
struct Fields {
    let object: JSONObject

    /// The body as a JSON object, else `OSM.01010001` (broken JSON, an array, a scalar).
    init(body: [UInt8]) throws(OSMError) {
        guard let json = try? JSONParser.parse(body), let object = json.objectValue else { throw .invalidParam }
        self.object = object
    }

    init(object: JSONObject) { self.object = object }

    func has(_ key: String) -> Bool {
        guard let value = object[key] else { return false }
        return !value.isNull
    }

    /// A string of at most `max` units; absent or null gives "". `coerceNumber` accepts an integer
    /// where a string belongs (the vendor example's `"area_code": 86`).
    func string(_ key: String, max: Int, coerceNumber: Bool = false) throws(OSMError) -> String {
        switch object[key] {
        case nil, .null?: return ""
        case .string(let text)?:
            guard Self.fits(text, max: max) else { throw .invalidParam }
            return text
        case .int(let number)? where coerceNumber:
            let text = String(number)
            guard Self.fits(text, max: max) else { throw .invalidParam }
            return text
        default: throw .invalidParam
        }
    }

    /// At most `max` UTF-16 units. Never more units than UTF-8 bytes, so the byte count (known
    /// at once) settles most texts; only long non-ASCII ones are counted unit by unit.
    static func fits(_ text: String, max: Int) -> Bool { text.utf8.count <= max || text.utf16.count <= max }

    /// A string that must be present and non-empty.
    func required(_ key: String, max: Int) throws(OSMError) -> String {
        let text = try string(key, max: max)
        guard !text.isEmpty else { throw .invalidParam }
        return text
    }

    /// An integer (a JSON integer, or a string of digits as some clients send), absent gives nil.
    func int(_ key: String) throws(OSMError) -> Int64? {
        switch object[key] {
        case nil, .null?: return nil
        case .int(let number)?: return number
        case .string(let text)?:
            guard let number = Int64(text) else { throw .invalidParam }
            return number
        default: throw .invalidParam
        }
    }

    /// An array of strings, each `itemMin`…`itemMax` long, at most `maxItems` of them.
    func strings(_ key: String, maxItems: Int, itemMin: Int = 1, itemMax: Int) throws(OSMError) -> [String] {
        switch object[key] {
        case nil, .null?: return []
        case .array(let items)?:
            guard items.count <= maxItems else { throw .invalidParam }
            var result: [String] = []
            result.reserveCapacity(items.count)
            for item in items {
                guard let text = item.stringValue, text.utf16.count >= itemMin, text.utf16.count <= itemMax else {
                    throw .invalidParam
                }
                result.append(text)
            }
            return result
        default: throw .invalidParam
        }
    }

    /// A map; an empty array counts as an empty map (the vendor example sends `"extends_map": [ ]`).
    func map(_ key: String) throws(OSMError) -> JSONObject? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let map)?: return map.isEmpty ? nil : map
        case .array(let items)? where items.isEmpty: return nil
        default: throw .invalidParam
        }
    }

    /// An array of objects, for lists such as `incident_satisfaction_list`.
    func objects(_ key: String) throws(OSMError) -> [Fields] {
        switch object[key] {
        case nil, .null?: return []
        case .array(let items)?:
            var result: [Fields] = []
            for item in items {
                guard let map = item.objectValue else { throw .invalidParam }
                result.append(Fields(object: map))
            }
            return result
        default: throw .invalidParam
        }
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
