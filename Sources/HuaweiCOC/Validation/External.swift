import MockCore

/// The external issue and incident bodies (huawei-coc.md §5.4–5.6), and the list bodies (§5.3).
enum ExternalRules {
    static let incidentLevels = ["level_10", "level_20", "level_30", "level_40", "level_50"]
    static let incidentSources = ["incident_source_manual", "incident_source_forwarding", "incident_source_alarm"]
    static let externalIssueLevels = ["issues_level_1000", "issues_level_2000", "issues_level_3000"]
    static let reproduceProbabilities = (1...4).map { "issues_reproduce_probability_\($0 * 1000)" }
    static let externalIssueSources = (1...3).map { "issues_source_\($0 * 1000)" }
    static let operateKeys = ["acceptedIncident1", "commitSolution1", "confirm"]

    /// `CreateExternalIncidentRequest`: required fields first, in the SDK model's order.
    static func incident(_ body: BodyReader) throws(COCError) -> (
        fields: [(name: String, value: StoredValue)], lists: [(name: String, values: [String])]
    ) {
        var fields: [(name: String, value: StoredValue)] = []
        fields.append(("incident_level", .string(try body.string("incident_level", required: true, incidentLevels)!)))
        fields.append(
            ("is_service_interrupt", .string(try body.string("is_service_interrupt", required: true, ["true", "false"])!)))
        let type = try body.string("incident_type", required: true)!
        guard type.hasPrefix("inc_type_") else { throw COCError.notOneOf("incident_type", ["inc_type_p_*"]) }
        fields.append(("incident_type", .string(type)))
        fields.append(("incident_title", .string(try body.string("incident_title", required: true, max: 200)!)))
        fields.append(("incident_source", .string(try body.string("incident_source", required: true, incidentSources)!)))
        fields.append(("creator", .string(try body.string("creator", required: true)!)))
        var lists: [(name: String, values: [String])] = []
        for name in ["region", "enterprise_project", "current_cloud_service", "incident_assignee"] {
            let values = try body.strings(name)
            if !values.isEmpty { lists.append((name, values)) }
        }
        if let text = try body.string("incident_description", max: 600) { fields.append(("incident_description", .string(text))) }
        for name in ["assignee_scene", "assignee_role", "incident_ownership"] {
            if let text = try body.string(name) { fields.append((name, .string(text))) }
        }
        if let start = try body.int("start_time") { fields.append(("start_time", .int(start))) }
        return (fields, lists)
    }

    /// `HandleExternalIncidentRequest` / v2 `ExecuteActionParamsV2` parameters for one operate key.
    static func incidentCommand(_ key: String, parameter: BodyReader) throws(COCError) -> (
        IncidentCommand, [(String, StoredValue)]
    ) {
        switch key {
        case "acceptedIncident1": return (.accept, [])
        case "commitSolution1":
            var extra: [(String, StoredValue)] = []
            for name in ["mtm_type", "cause"] {
                if let text = try parameter.string(name) { extra.append((name, .string(text))) }
            }
            extra.append(("solution", .string(try parameter.string("solution", required: true)!)))
            let interrupted = try flag(parameter, "is_service_interrupt") ?? false
            if interrupted {
                for name in ["start_time", "fault_recovery_time"] {
                    guard let value = parameter.body[name], value != .null else {
                        throw COCError.missing(parameter.prefix + name)
                    }
                    guard value.intValue != nil || value.stringValue != nil else {
                        throw COCError.wrongType(parameter.prefix + name, "an integer")
                    }
                }
            }
            return (.commitSolution, extra)
        case "confirm":
            let result = try flag(parameter, "virtual_confirm_result") ?? true
            _ = try parameter.string("virtual_confirm_comment")
            return (.confirm(result), [])
        default: throw COCError.notOneOf("operate_key", operateKeys)
        }
    }

    /// A flag the SDK passes in a free-form map: a JSON boolean or `"true"`/`"false"`.
    static func flag(_ reader: BodyReader, _ name: String) throws(COCError) -> Bool? {
        switch reader.body[name] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case .string("true")?: return true
        case .string("false")?: return false
        default: throw COCError.wrongType(reader.prefix + name, "a boolean")
        }
    }

    /// `CreateExternalIssuesRequest` mapped onto the issue ticket's fields.
    static func externalIssue(_ body: BodyReader) throws(COCError) -> (fields: FieldPack, extra: [(String, StoredValue)]) {
        let table = CreateRules.issue
        var fields: [StoredField] = []
        func put(_ name: String, _ value: StoredValue?) {
            if let value { fields.append(StoredField(rule: CreateRules.index(name, in: table), value: value)) }
        }
        put("title", .string(try body.string("title", required: true)!))
        put("description", .string(try body.string("description", required: true)!))
        let impacted = try body.strings("impacted_cloud_services", required: true, maxCount: 10)
        put("level", .string(try body.string("level", required: true, externalIssueLevels)!))
        put("ticket_type", .string(try body.string("ticket_type", required: true, CreateRules.issueTypes)!))
        let probability = try body.string("reproduce_probability", required: true, reproduceProbabilities)!
        let rootCause = try body.strings("root_cause_cloud_service", required: true, exactly: 1)
        put("root_cause_cloud_service", .string(rootCause[0]))
        put(
            "virtual_schedule_type", .string(try body.string("virtual_schedule_type", required: true, CreateRules.scheduleTypes)!)
        )
        put("enterprise_project", .string(try body.string("enterprise_project") ?? "0"))
        for name in ["source_id", "schedule_scenes", "virtual_schedule_role", "issue_contact_person"] {
            put(name, try body.string(name).map(StoredValue.string))
        }
        let regions = try body.strings("regions")
        if !regions.isEmpty { put("regions", .string(regions.joined(separator: ","))) }
        put("fount_time", try body.int("fount_time").map(StoredValue.int))
        var extra: [(String, StoredValue)] = [
            ("impacted_cloud_services", .string(impacted.joined(separator: ","))),
            ("reproduce_probability", .string(probability)),
        ]
        if let source = try body.string("source", externalIssueSources) { extra.append(("source", .string(source))) }
        if let creator = try body.string("creator") { extra.append(("creator", .string(creator))) }
        return (FieldPack(fields.sorted { $0.rule < $1.rule }), extra)
    }

    static let filterOperators = ["in", "like", "startwith", "endwith", "=", "!=", ">", "<", ">=", "<="]

    /// One `string_filters` entry: the field, the operator and the values.
    struct Filter: Sendable {
        var field: String
        var op: String
        var values: [String]

        func matches(_ value: JSON?) -> Bool {
            let text = value?.scalarText ?? ""
            switch op {
            case "like": return values.contains { text.contains($0) }
            case "startwith": return values.contains { text.hasPrefix($0) }
            case "endwith": return values.contains { text.hasSuffix($0) }
            case "!=": return !values.contains(text)
            case ">": return values.contains { text > $0 }
            case "<": return values.contains { text < $0 }
            case ">=": return values.contains { text >= $0 }
            case "<=": return values.contains { text <= $0 }
            default: return values.contains(text)
            }
        }
    }

    /// `ListTicketParamsWithPage` / `ListTicketParams`: filters and paging (page from 1).
    static func list(_ body: BodyReader) throws(COCError) -> (filters: [Filter], page: Int, perPage: Int) {
        var filters: [Filter] = []
        for (index, item) in (try body.array("string_filters") ?? []).enumerated() {
            guard item.objectValue != nil else { throw COCError.wrongType("string_filters[\(index)]", "an object") }
            let reader = BodyReader(body: item, prefix: "string_filters[\(index)].")
            let name = try reader.string("name")
            let field = try reader.string("field") ?? name
            guard let field else { throw COCError.missing(reader.prefix + "field") }
            let op = try reader.string("operator", filterOperators) ?? "in"
            filters.append(Filter(field: field, op: op, values: try reader.strings("values")))
        }
        _ = try body.object("sort_filter")
        for name in ["contain_all", "contain_total", "contain_sub_ticket"] { _ = try body.bool(name) }
        _ = try body.strings("ticket_types")
        let page = try body.int("page") ?? 1
        let perPage = try body.int("per_page") ?? 10
        guard page >= 1 else { throw COCError.invalidParameter("page must be at least 1") }
        guard (1...1000).contains(perPage) else { throw COCError.invalidParameter("per_page must be between 1 and 1000") }
        return (filters, Int(page), Int(perPage))
    }
}
