import MockCore

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

    static let changeTable = RuleTable(change), issueTable = RuleTable(issue), subTicketTable = RuleTable(subTicket)
    static func ruleTable(for kind: TicketKind) -> RuleTable { kind == .change ? changeTable : issueTable }

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

    /// Applies every rule, then the conditional requirements, to a parsed body. What each rule
    /// keeps is packed from the body's bytes as it is checked, into one block: the ticket's, then
    /// each sub-ticket's as a section (`FieldPack.sections`). Unknown fields are ignored.
    static func validate(_ body: JSONTape, kind: TicketKind) throws(COCError) -> FieldPack {
        guard body.kind(at: body.root) == .object else { throw COCError.notAnObject }
        let table = ruleTable(for: kind)
        let list = kind == .change ? body.member("sub_tickets", of: body.root) : nil
        let sections = list.map { body.count(at: $0) } ?? 0
        let bound =
            body.byteCount + table.entryBound + sections * (FieldPack.sectionMarkSize + subTicketTable.entryBound)
        return try FieldPack(bound: bound) { (writer) throws(COCError) in
            try CheckedFields.check(body, object: body.root, table: table, position: nil, into: &writer) {
                (fields) throws(COCError) in try checkConditions(fields, kind: kind, body: body)
            }
            if kind == .change { try writeSubTickets(body, at: list, into: &writer) }
        }
    }

    /// huawei-coc.md §4.2–4.3's requirements that depend on another field's value.
    private static func checkConditions(_ fields: CheckedFields, kind: TicketKind, body: JSONTape) throws(COCError) {
        let table = table(for: kind)
        switch kind {
        case .change:
            if fields.has(changeScheme, text: guides, in: body), !fields.has(changeGuides) {
                throw .missing(table[Int(changeGuides)].name)
            }
            if fields.has(changeScheme, text: runbook, in: body) {
                for rule in runbookRules where !fields.has(rule) { throw .missing(table[Int(rule)].name) }
            }
        case .issue:
            // Any source but a proactive find names the record it came from.
            let proactive = fields.has(source, text: "issues_mgmt_associated_type_4000", in: body)
            if fields.has(source), !proactive, !fields.has(sourceId) { throw .missing(table[Int(sourceId)].name) }
            if fields.has(scheduleType, text: individualSchedule, in: body), !fields.has(contactPerson) {
                throw .missing(table[Int(contactPerson)].name)
            }
        }
    }

    static func subTicketPrefix(_ position: Int) -> String { "sub_tickets[\(position)]." }

    /// Checks each sub-ticket and packs it as a section after a mark.
    static func writeSubTickets(_ body: JSONTape, at list: Int?, into writer: inout FieldPack.Writer) throws(COCError) {
        guard let list, body.kind(at: list) != .null else { throw .missing("sub_tickets") }
        guard body.kind(at: list) == .array else { throw .wrongType("sub_tickets", "an array") }
        guard body.count(at: list) > 0 else { throw .missing("sub_tickets") }
        var item = list + 1
        for position in 0..<body.count(at: list) {
            guard body.kind(at: item) == .object else { throw .wrongType("sub_tickets[\(position)]", "an object") }
            writer.appendSectionMark()
            try CheckedFields.check(body, object: item, table: subTicketTable, position: position, into: &writer) {
                (fields) throws(COCError) in
                guard fields.has(targetType, text: changeScope, in: body) else { return }
                for rule in scopeRules where !fields.has(rule) {
                    throw .missing(subTicketPrefix(position) + subTicket[Int(rule)].name)
                }
            }
            item = body.after(item)
        }
    }
}

/// Every rule of a table applied, in the table's order, to its member of one body object (the
/// sub-ticket at `position`, if given): what each rule keeps is written to a pack as it is
/// checked, and the outcomes stay readable for the conditional requirements. It holds positions,
/// not the body: the body is passed to what reads the members again.
struct CheckedFields {
    private let table: RuleTable
    /// Valid only inside `check`'s `then`.
    private let checked: UnsafeBufferPointer<(outcome: CheckedField, member: Int)>

    static func check(
        _ body: JSONTape, object: Int, table: RuleTable, position: Int?,
        into writer: inout FieldPack.Writer, then conditions: (CheckedFields) throws(COCError) -> Void
    ) throws(COCError) {
        typealias Checked = (outcome: CheckedField, member: Int)
        try withUnsafeTemporaryAllocation(of: Checked.self, capacity: table.rules.count) { (checked) throws(COCError) in
            try table.keys.withMembers(of: object, in: body) { (members) throws(COCError) in
                // Through the buffer: an array element a method is called on would be copied first.
                try table.rules.withUnsafeBufferPointer { (rules) throws(COCError) in
                    for index in rules.indices {
                        let member = members[index]
                        let outcome = try input(member, of: body) { (input) throws(COCError) in
                            try rules[index].check(input, prefix: position.map(CreateRules.subTicketPrefix) ?? "")
                        }
                        checked.initializeElement(at: index, to: (outcome, member))
                        let rule = UInt8(index)
                        switch outcome {
                        case .nothing: break
                        case .given: _ = body.withUTF8(at: member) { writer.append(rule: rule, utf8: $0) }
                        case .choice(let choice): rules[index].choices.withBytes(choice) { writer.append(rule: rule, utf8: $0) }
                        case .int, .bool, .byDefault:
                            if let value = rules[index].stored(outcome, given: "") { writer.append(rule: rule, value) }
                        }
                    }
                }
            }
            try conditions(CheckedFields(table: table, checked: UnsafeBufferPointer(checked)))
        }
    }

    /// The member at `position` (-1: missing) as a rule sees it, given to `read`.
    @inline(__always)
    private static func input(
        _ position: Int, of body: JSONTape, _ read: (FieldInput) throws(COCError) -> CheckedField
    ) throws(COCError) -> CheckedField {
        guard position >= 0 else { return try read(.absent) }
        switch body.kind(at: position) {
        case .null: return try read(.absent)
        case .bool: return try read(.bool(body.bool(at: position)!))
        case .int: return try read(.int(body.int(at: position)!))
        case .string: return try body.withUTF8(at: position) { (bytes) throws(COCError) in try read(.text(bytes)) }!
        case .double, .array, .object: return try read(.other)
        }
    }

    /// Whether the rule keeps a value (its member's or its default).
    func has(_ rule: UInt8) -> Bool { checked[Int(rule)].outcome != .nothing }

    /// Whether the rule keeps exactly `text`.
    func has(_ rule: UInt8, text: String, in body: JSONTape) -> Bool {
        let (outcome, member) = checked[Int(rule)]
        var text = text
        return text.withUTF8 { text in
            switch outcome {
            case .given: body.withUTF8(at: member) { StringBytes.equal($0, text) } ?? false
            case .choice(let choice): table.rules[Int(rule)].choices.matches(choice, text)
            default: table.rules[Int(rule)].stored(outcome, given: "") == .string(String(decoding: text, as: UTF8.self))
            }
        }
    }
}

/// A create table's rules with what finds their members and bounds their pack, in one object:
/// every create passes it around, and one reference is counted instead of four arrays'.
final class RuleTable: Sendable {
    let rules: [Rule]
    let keys: RuleKeys
    /// The most bytes the table's pack entries take besides members' own texts (which a body's
    /// bytes bound), so a create writes its pack without counting first.
    let entryBound: Int

    init(_ rules: [Rule]) {
        self.rules = rules
        keys = RuleKeys(rules)
        let longest =
            rules.flatMap { rule in
                (rule.values ?? []) + [rule.defaultValue].compactMap { if case .string(let text)? = $0 { text } else { nil } }
            }.map(\.utf8.count).max() ?? 0
        entryBound = rules.count * (FieldPack.Writer.maxEntryOverhead + max(8, longest))
    }
}

/// Finds each rule's member of a body object in one pass over the members, comparing a key only
/// with the rules of the same length, instead of searching the object once per rule.
struct RuleKeys: Sendable {
    private let names: [[UInt8]]
    /// Rule indices by the UTF-8 length of their names.
    private let byLength: [[Int]]

    init(_ table: [Rule]) {
        names = table.map { Array($0.name.utf8) }
        var byLength = Array(repeating: [Int](), count: (names.map(\.count).max() ?? 0) + 1)
        for (index, name) in names.enumerated() { byLength[name.count].append(index) }
        self.byLength = byLength
    }

    /// `read` given the position of each rule's member (by rule index; -1: none), in a temporary
    /// buffer; of a repeated key, the last, whose value a parsed tree keeps.
    func withMembers(
        of object: Int, in body: JSONTape, _ read: (UnsafeMutableBufferPointer<Int>) throws(COCError) -> Void
    ) throws(COCError) {
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: names.count) { (members) throws(COCError) in
            members.initialize(repeating: -1)
            body.forEachMember(of: object) { key, value in
                guard key.count < byLength.count else { return }
                for index in byLength[key.count] {
                    names[index].withUnsafeBufferPointer { if StringBytes.equal($0, key) { members[index] = value } }
                }
            }
            try read(members)
        }
    }
}
