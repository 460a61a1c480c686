import MockCore

/// `incident_satisfaction_list` items: `{satisfaction_id, satisfaction_value}` with a known
/// dimension and a value from 1 to its `per_value` (huawei-osm.md §6).
enum ScoreRules {
    static func satisfaction(_ fields: Fields, catalog: Catalog, required: Bool) throws(OSMError) -> [(id: Int, value: Int)] {
        let items = try fields.objects("incident_satisfaction_list")
        if required, items.isEmpty { throw .invalidParam }
        var result: [(id: Int, value: Int)] = []
        for item in items {
            guard let id = try item.int("satisfaction_id"), let value = try item.int("satisfaction_value"),
                let dimension = catalog.satisfactionDimensions.first(where: { $0.id == Int(id) }),
                value >= 1, value <= Int64(dimension.perValue)
            else { throw .invalidParam }
            result.append((Int(id), Int(value)))
        }
        return result
    }
}

/// The list_cases query (huawei-osm.md §5.2): ints must be ints, times ISO 8601.
enum ListQueryRules {
    static func filter(_ request: Request) throws(OSMError) -> CaseFilter {
        var filter = CaseFilter()
        for item in request.queryItems {
            switch item.name {
            case "search_key":
                filter.searchKeys += item.value.split(separator: ",").map(String.init)
            case "label_id_list":
                for part in item.value.split(separator: ",") {
                    guard let id = Int(part) else { throw .invalidParam }
                    filter.labelIds.append(id)
                }
            case "incident_id": filter.incidentId = item.value
            case "x_customer_id": filter.customerId = item.value
            case "query_start_time": filter.from = try time(item.value)
            case "query_end_time": filter.to = try time(item.value)
            case "status":
                guard let code = Int64(item.value), let status = CaseStatus(code: code) else { throw .invalidParam }
                filter.statuses = [status]
            case "incident_status":
                var statuses = Set<CaseStatus>()
                for part in item.value.split(separator: ",") {
                    guard let code = Int64(part), let status = CaseStatus(code: code) else { throw .invalidParam }
                    statuses.insert(status)
                }
                if !statuses.isEmpty { filter.statuses = (filter.statuses ?? statuses).intersection(statuses) }
            default: break
            }
        }
        (filter.offset, filter.limit) = try page(request)
        return filter
    }

    /// The legacy list's camelCase query (`searchKey`, `pageNo` from 1, `pageSize`, …), as the v2 filter.
    static func legacyFilter(_ request: Request) throws(OSMError) -> CaseFilter {
        let names = [
            "searchKey": "search_key", "labelIdList": "label_id_list", "incidentId": "incident_id",
            "queryStartTime": "query_start_time", "queryEndTime": "query_end_time", "status": "status",
            "incidentStatus": "incident_status", "xCustomerId": "x_customer_id",
        ]
        var query: [String] = []
        for item in request.queryItems {
            guard let name = names[item.name] else { continue }
            query.append(PercentEncoding.encode(name) + "=" + PercentEncoding.encode(item.value))
        }
        var filter = try self.filter(Request(method: "GET", uri: "/?" + query.joined(separator: "&")))
        var pageNo = 1, pageSize = 10
        if let text = request.query("pageNo") {
            guard let value = Int(text), value >= 1 else { throw .invalidParam }
            pageNo = value
        }
        if let text = request.query("pageSize") {
            guard let value = Int(text), value >= 1, value <= 100 else { throw .invalidParam }
            pageSize = value
        }
        filter.offset = (pageNo - 1) * pageSize
        filter.limit = pageSize
        return filter
    }

    /// `offset` ≥ 0 (default 0) and `limit` 1…100 (default 10).
    static func page(_ request: Request, defaultLimit: Int = 10) throws(OSMError) -> (offset: Int, limit: Int) {
        var offset = 0, limit = defaultLimit
        if let text = request.query("offset") {
            guard let value = Int(text), value >= 0 else { throw .invalidParam }
            offset = value
        }
        if let text = request.query("limit") {
            guard let value = Int(text), value >= 1, value <= 100 else { throw .invalidParam }
            limit = value
        }
        return (offset, limit)
    }

    static func time(_ text: String) throws(OSMError) -> Int64? {
        if text.isEmpty { return nil }
        if let millis = Int64(text) { return millis }
        guard let stamp = Timestamp(iso8601: text) else { throw .invalidParam }
        return stamp.milliseconds
    }
}

/// `PUT …/contact-info`: the create_cases limits for the same fields.
struct ContactUpdate: Sendable {
    var areaCode: String?
    var remindMobile: String?
    var remindMail: String?
    var remindTime: String?

    init(body: [UInt8]) throws(OSMError) {
        let fields = try Fields(body: body)
        if fields.has("area_code") { areaCode = try fields.string("area_code", max: 32, coerceNumber: true) }
        if fields.has("remind_mobile") { remindMobile = try fields.string("remind_mobile", max: 32) }
        if fields.has("remind_mail") { remindMail = try fields.string("remind_mail", max: 128) }
        if fields.has("remind_time") { remindTime = try fields.string("remind_time", max: 16) }
        _ = try fields.map("extension_map")
        guard areaCode != nil || remindMobile != nil || remindMail != nil || remindTime != nil else {
            throw .invalidParam
        }
    }
}

/// Label bodies: `name` 1–64 and `color` 1–32 (a `#rrggbb` in the console).
enum LabelRules {
    static func nameAndColor(_ body: [UInt8], requireBoth: Bool) throws(OSMError) -> (name: String?, color: String?) {
        let fields = try Fields(body: body)
        let name = try fields.string("name", max: 64)
        let color = try fields.string("color", max: 32)
        if requireBoth, name.isEmpty || color.isEmpty { throw .invalidParam }
        if !requireBoth, name.isEmpty, color.isEmpty { throw .invalidParam }
        return (name.isEmpty ? nil : name, color.isEmpty ? nil : color)
    }

    /// `label_ids=1,2` (csv, as the SDK sends it; repeated keys work too).
    static func ids(_ request: Request) throws(OSMError) -> [Int] {
        var ids: [Int] = []
        for item in request.queryItems where item.name == "label_ids" {
            for part in item.value.split(separator: ",") {
                guard let id = Int(part) else { throw .invalidParam }
                ids.append(id)
            }
        }
        guard !ids.isEmpty else { throw .invalidParam }
        return ids
    }
}

/// Verification-code bodies (huawei-osm.md §3.4): `contact_way` 0 (SMS) or 1 (email).
struct ContactRef: Sendable {
    var way: Int
    var value: String
    var areaCode: String

    init(_ fields: Fields, areaCodeRequired: Bool) throws(OSMError) {
        value = try fields.required("contact_value", max: 128)
        guard let way = try fields.int("contact_way") else { throw .invalidParam }
        guard way == 0 || way == 1 else { throw .typeNotZeroOrOne }
        self.way = Int(way)
        areaCode = try fields.string("area_code", max: 32, coerceNumber: true)
        if areaCodeRequired, areaCode.isEmpty { throw .invalidParam }
    }

    /// The same fields from a query string (need-verify).
    init(query request: Request) throws(OSMError) {
        var object = JSONObject()
        for name in ["contact_value", "contact_way", "area_code"] {
            if let value = request.query(name) { object[name] = .string(value) }
        }
        try self.init(Fields(body: JSON.object(object).jsonBytes), areaCodeRequired: false)
    }
}

/// `POST /accessorys/json-format-content` (huawei-osm.md §3.3).
struct JSONAccessory: Sendable {
    var name: String
    var from: String
    var data: [UInt8]

    init(body: [UInt8], settings: OSMSettings) throws(OSMError) {
        let fields = try Fields(body: body)
        name = try fields.required("accessory_name", max: 256)
        from = try fields.required("accessory_from", max: 32)
        if let type = try fields.int("upload_type"), type != 0, type != 1 { throw .typeNotZeroOrOne }
        guard let decoded = Base64.decode(try fields.required("accessory_data", max: Int.max)) else {
            throw .invalidParam
        }
        data = decoded
        try AccessoryRules.check(name: name, from: from, size: data.count, settings: settings)
    }
}

enum AccessoryRules {
    /// `accessory_from` is `incident` or `message`; the file type and size are within the limits.
    static func check(name: String, from: String, size: Int, settings: OSMSettings) throws(OSMError) {
        guard from == "incident" || from == "message" else { throw .invalidParam }
        guard !name.isEmpty, name.utf16.count <= 256 else { throw .invalidParam }
        let lower = name.lowercasedASCII()
        let types = settings.accessoryFileTypes.split(separator: ",").map { String($0).lowercasedASCII() }
        guard types.contains(where: { lower.hasSuffix($0) }) else { throw .invalidParam }
        guard size > 0 else { throw .invalidParam }
        guard size <= settings.accessoryLimitSize * 1024 * 1024 else { throw .accessorySizeLimit }
    }
}
