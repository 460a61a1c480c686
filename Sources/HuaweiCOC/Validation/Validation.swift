import MockCore

/// One body field: its JSON type, whether it is always required, its enumeration and default.
struct Rule: Sendable {
    enum ValueType: Sendable { case string, int, bool }
    let name: String
    let type: ValueType
    var required = false
    var values: [String]? = nil
    var maxLength: Int? = nil
    var defaultValue: StoredValue? = nil

    static func string(
        _ name: String, required: Bool = false, _ values: [String]? = nil, max: Int? = nil,
        default value: String? = nil
    ) -> Rule {
        Rule(
            name: name, type: .string, required: required, values: values, maxLength: max,
            defaultValue: value.map(StoredValue.string))
    }
    static func int(_ name: String, required: Bool = false) -> Rule { Rule(name: name, type: .int, required: required) }
    static func bool(_ name: String, default value: Bool? = nil) -> Rule {
        Rule(name: name, type: .bool, defaultValue: value.map(StoredValue.bool))
    }

    /// Checks one value (`nil`/`null` = absent). Returns what to store, or nil for nothing. The
    /// field's path (`prefix` + name) is only built for an error message (every create checks
    /// dozens of fields); the prefix is an autoclosure that captures no rule, so nothing is copied.
    @inline(__always)  // in the table loops: a call would copy the rule out of its table first
    func check(_ value: JSON?, prefix: @autoclosure () -> String = "") throws(COCError) -> StoredValue? {
        var field: String { prefix() + name }
        let present: StoredValue?
        switch (type, value) {
        case (_, nil), (_, .null?): present = nil
        case (.string, .string(let s)?): present = s.isEmpty ? nil : .string(s)
        case (.int, .int(let i)?): present = .int(i)
        case (.bool, .bool(let b)?): present = .bool(b)
        case (.string, _?): throw .wrongType(field, "a string")
        case (.int, _?): throw .wrongType(field, "an integer")
        case (.bool, _?): throw .wrongType(field, "a boolean")
        }
        guard let present else {
            if required && defaultValue == nil { throw .missing(field) }
            return defaultValue
        }
        if case .string(let s) = present {
            if let values {
                // The table's own (immortal) string, so stored tickets share it.
                guard let index = values.firstIndex(of: s) else { throw .notOneOf(field, values) }
                return .string(values[index])
            }
            if let maxLength, s.count > maxLength { throw .tooLong(field, maxLength) }
        }
        return present
    }
}

/// The create-ticket rules of huawei-coc.md §4.2–4.4, per ticket type, in the document's order.
enum CreateRules {
    static let changeLevels = ["change_level_010", "change_level_020", "change_level_030", "change_level_040"]
    static let issueLevels = ["issues_level_1000", "issues_level_2000", "issues_level_3000", "issues_level_4000"]
    static let issueTypes = (1...15).map { "issues_type_\($0 * 1000)" }
    static let scheduleTypes = ["issues_mgmt_virtual_schedule_type_1000", "issues_mgmt_virtual_schedule_type_2000"]
    static let sources = (1...4).map { "issues_mgmt_associated_type_\($0 * 1000)" }
    static let runbook = "change_scheme_runbook", guides = "change_scheme_guides"
    static let changeScope = "change_scope"
    static let individualSchedule = "issues_mgmt_virtual_schedule_type_2000"

    static let change: [Rule] = [
        .string("title"), .string("change_notes", required: true),
        .string("change_type", required: true, ["change_type_conventional", "change_type_urgentu"]),
        .string("level", changeLevels),
        .string("change_scheme", required: true, [runbook, guides]),
        .string("change_guides"), .string("plan_task_sub_type", ["CUSTOMIZATION", "COMMUNAL"]),
        .string("plan_task_id"), .string("plan_task_name"), .string("plan_task_params"),
        .string("change_scene_id", required: true), .string("current_cloud_service_id", required: true),
        .string("location_id", required: true), .bool("is_start_process", default: true),
    ]

    static let issue: [Rule] = [
        .string("title"), .string("description", required: true),
        .string("enterprise_project", required: true, default: "0"),
        .string("level", issueLevels), .string("ticket_type", required: true, issueTypes),
        .string("commit_upload_attachment"), .string("regions"), .string("root_cause_cloud_service"),
        .string("source", sources), .string("source_id"), .int("fount_time"),
        .string("virtual_schedule_type", required: true, scheduleTypes),
        .string("issue_contact_person"), .string("schedule_scenes"), .string("virtual_schedule_role"),
        .bool("is_start_process", default: true),
    ]

    static let subTicket: [Rule] = [
        .string("app_name"), .string("region"), .string("target_type", required: true, [changeScope, "child_ticket"]),
        .string("target_value"), .int("expected_start_time"), .int("expected_end_time"),
        .string("executors"), .string("cooperators"), .string("resource_biz_id"),
    ]

    static func table(for kind: TicketKind) -> [Rule] { kind == .change ? change : issue }

    /// A rule's index in its table, by name.
    static func index(_ name: String, in table: [Rule]) -> UInt8 {
        UInt8(table.firstIndex { $0.name == name }!)
    }

    static let changeKeys = RuleKeys(change), issueKeys = RuleKeys(issue), subTicketKeys = RuleKeys(subTicket)
    static func keys(for kind: TicketKind) -> RuleKeys { kind == .change ? changeKeys : issueKeys }

    // The rules the conditional requirements name, by index (looked up once, not per create).
    static let changeScheme = index("change_scheme", in: change), changeGuides = index("change_guides", in: change)
    static let runbookRules = ["plan_task_sub_type", "plan_task_id", "plan_task_name", "plan_task_params"].map {
        index($0, in: change)
    }
    static let startProcess = (change: index("is_start_process", in: change), issue: index("is_start_process", in: issue))
    static let source = index("source", in: issue), sourceId = index("source_id", in: issue)
    static let scheduleType = index("virtual_schedule_type", in: issue)
    static let contactPerson = index("issue_contact_person", in: issue)
    static let scopeRules = ["app_name", "region"].map { index($0, in: subTicket) }
    static let targetType = index("target_type", in: subTicket)

    /// Applies every rule, then the conditional requirements. Unknown fields are ignored.
    static func validate(_ body: JSON, kind: TicketKind) throws(COCError) -> (fields: FieldPack, subTickets: [FieldPack]) {
        guard case .object(let object) = body else { throw COCError.notAnObject }
        let table = table(for: kind)
        let fields = try check(object, against: table, keys: keys(for: kind), position: nil)
        func has(_ rule: UInt8) -> Bool { fields.contains { $0.rule == rule } }
        func string(_ rule: UInt8) -> String? {
            if case .string(let s)? = fields.first(where: { $0.rule == rule })?.value { return s }
            return nil
        }
        var subTickets: [FieldPack] = []
        switch kind {
        case .change:
            if string(changeScheme) == guides, !has(changeGuides) { throw .missing(table[Int(changeGuides)].name) }
            if string(changeScheme) == runbook {
                for rule in runbookRules where !has(rule) { throw .missing(table[Int(rule)].name) }
            }
            subTickets = try validateSubTickets(object["sub_tickets"])
        case .issue:
            if let source = string(source), source != "issues_mgmt_associated_type_4000", !has(sourceId) {
                throw .missing(table[Int(sourceId)].name)
            }
            if string(scheduleType) == individualSchedule, !has(contactPerson) {
                throw .missing(table[Int(contactPerson)].name)
            }
        }
        return (FieldPack(fields), subTickets)
    }

    /// Every rule of `table` applied, in the table's order, to its member of `object` (the
    /// sub-ticket at `position`, if given).
    private static func check(
        _ object: JSONObject, against table: [Rule], keys: RuleKeys, position: Int?
    ) throws(COCError) -> [StoredField] {
        var fields: [StoredField] = []
        fields.reserveCapacity(table.count)
        // Through the buffers: an array element a method is called on would be copied first.
        try keys.withValues(in: object) { (values) throws(COCError) in
            try table.withUnsafeBufferPointer { (rules) throws(COCError) in
                for index in rules.indices {
                    if let stored = try rules[index].check(values[index], prefix: position.map(subTicketPrefix) ?? "") {
                        fields.append(StoredField(rule: UInt8(index), value: stored))
                    }
                }
            }
        }
        return fields
    }

    static func subTicketPrefix(_ position: Int) -> String { "sub_tickets[\(position)]." }

    static func validateSubTickets(_ value: JSON?) throws(COCError) -> [FieldPack] {
        guard let value, value != .null else { throw .missing("sub_tickets") }
        guard let items = value.arrayValue else { throw .wrongType("sub_tickets", "an array") }
        guard !items.isEmpty else { throw .missing("sub_tickets") }
        var result: [FieldPack] = []
        result.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            guard case .object(let object) = item else { throw .wrongType("sub_tickets[\(position)]", "an object") }
            let fields = try check(object, against: subTicket, keys: subTicketKeys, position: position)
            if fields.contains(where: { $0.rule == targetType && $0.value == .string(changeScope) }) {
                for rule in scopeRules where !fields.contains(where: { $0.rule == rule }) {
                    throw .missing(subTicketPrefix(position) + subTicket[Int(rule)].name)
                }
            }
            result.append(FieldPack(fields))
        }
        return result
    }
}

/// Finds each rule's member of a body object in one pass over the members, comparing a key only
/// with the rules of the same length, instead of searching the object once per rule.
struct RuleKeys: Sendable {
    private let names: [String]
    /// Rule indices by the UTF-8 length of their names.
    private let byLength: [[Int]]

    init(_ table: [Rule]) {
        names = table.map(\.name)
        var byLength = Array(repeating: [Int](), count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for (index, name) in names.enumerated() { byLength[name.utf8.count].append(index) }
        self.byLength = byLength
    }

    /// `body` given the value of each rule's member (by rule index); the first of a repeated key,
    /// as `JSON` subscripts find it. The values sit in a temporary buffer: a `[JSON?]` made per
    /// object took the unspecialized allocation path (a metadata look-up) three times a create.
    func withValues<Failure: Error>(
        in object: JSONObject, _ body: (UnsafeMutableBufferPointer<JSON?>) throws(Failure) -> Void
    ) throws(Failure) {
        try withUnsafeTemporaryAllocation(of: JSON?.self, capacity: names.count) { (values) throws(Failure) in
            values.initialize(repeating: nil)
            defer { _ = values.deinitialize() }
            // Members read in place, and a slot tested by its case (`== nil` on `JSON?` would copy
            // the value to compare it): only a member that is kept is copied.
            object.entries.withUnsafeBufferPointer { entries in
                for entry in entries.indices {
                    let length = entries[entry].key.utf8.count
                    guard length < byLength.count else { continue }
                    for index in byLength[length] {
                        if case .none = values[index], names[index] == entries[entry].key {
                            values[index] = entries[entry].value
                        }
                    }
                }
            }
            try body(values)
        }
    }
}

/// Reads typed values out of a request body, refusing wrong types with the field's name.
struct BodyReader {
    let body: JSON
    var prefix = ""

    static func object(_ bytes: [UInt8]) throws(COCError) -> BodyReader {
        let parsed: JSON
        do { parsed = try JSONParser.parse(bytes) } catch { throw COCError.brokenJSON }
        guard parsed.objectValue != nil else { throw COCError.notAnObject }
        return BodyReader(body: parsed)
    }

    func string(_ name: String, required: Bool = false, _ values: [String]? = nil, max: Int? = nil) throws(COCError) -> String? {
        guard
            case .string(let s)? = try Rule.string(name, required: required, values, max: max).check(
                body[name], prefix: prefix)
        else { return nil }
        return s
    }

    func int(_ name: String, required: Bool = false) throws(COCError) -> Int64? {
        guard case .int(let i)? = try Rule.int(name, required: required).check(body[name], prefix: prefix) else {
            return nil
        }
        return i
    }

    func bool(_ name: String) throws(COCError) -> Bool? {
        guard case .bool(let b)? = try Rule.bool(name).check(body[name], prefix: prefix) else { return nil }
        return b
    }

    func object(_ name: String) throws(COCError) -> BodyReader? {
        guard let value = body[name], value != .null else { return nil }
        guard value.objectValue != nil else { throw .wrongType(prefix + name, "an object") }
        return BodyReader(body: value, prefix: prefix + name + ".")
    }

    func array(_ name: String) throws(COCError) -> [JSON]? {
        guard let value = body[name], value != .null else { return nil }
        guard let items = value.arrayValue else { throw .wrongType(prefix + name, "an array") }
        return items
    }

    func strings(_ name: String, required: Bool = false, maxCount: Int? = nil, exactly: Int? = nil) throws(COCError) -> [String] {
        guard let items = try array(name) else {
            if required { throw .missing(prefix + name) }
            return []
        }
        var result: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw .wrongType(prefix + name, "an array of strings") }
            result.append(s)
        }
        if required, result.isEmpty { throw .missing(prefix + name) }
        if let maxCount, result.count > maxCount { throw .badCount(prefix + name, "at most \(maxCount) items") }
        if let exactly, !result.isEmpty, result.count != exactly { throw .badCount(prefix + name, "exactly \(exactly) item") }
        return result
    }
}
