import MockCore
import Testing

@testable import HuaweiCOC

/// huawei-coc.md §4.2–4.4: the create rules, without HTTP.
@Suite struct ValidationTests {
    func error(_ body: JSON, _ kind: TicketKind) -> COCError? {
        do { _ = try CreateRules.validate(body, kind: kind); return nil } catch { return error as? COCError }
    }

    @Test func vendorBodiesPass() {
        #expect(error(Bodies.change, .change) == nil)
        #expect(error(Bodies.issue, .issue) == nil)
        #expect(error(Bodies.vendorIssue, .issue) == nil)
    }

    // §4.2: the unconditional requirements of a change, in the document's order.
    @Test(arguments: [
        "change_notes", "change_type", "change_scheme", "change_scene_id", "current_cloud_service_id",
        "location_id", "sub_tickets",
    ])
    func changeRequired(field: String) {
        #expect(error(Bodies.with(Bodies.change, field, nil), .change) == .missing(field))
        #expect(error(Bodies.with(Bodies.change, field, .null), .change) == .missing(field))
    }

    // §4.2: the requirements of an issue; enterprise_project defaults to "0".
    @Test(arguments: ["description", "ticket_type", "virtual_schedule_type"])
    func issueRequired(field: String) {
        #expect(error(Bodies.with(Bodies.issue, field, nil), .issue) == .missing(field))
    }

    @Test func enterpriseProjectDefault() throws {
        let (fields, _) = try CreateRules.validate(Bodies.with(Bodies.issue, "enterprise_project", nil), kind: .issue)
        let index = CreateRules.index("enterprise_project", in: CreateRules.issue)
        #expect(fields.first { $0.rule == index }?.value == .string("0"))
    }

    // §4.2 conditional rules.
    @Test func conditionalRules() {
        #expect(error(Bodies.with(Bodies.change, "change_guides", nil), .change) == .missing("change_guides"))
        let runbook = Bodies.with(Bodies.with(Bodies.change, "change_scheme", "change_scheme_runbook"), "change_guides", nil)
        #expect(error(runbook, .change) == .missing("plan_task_sub_type"))
        var complete = runbook
        for (key, value) in [
            ("plan_task_sub_type", "COMMUNAL"), ("plan_task_id", "t1"), ("plan_task_name", "job"),
            ("plan_task_params", "{}"),
        ] {
            #expect(error(complete, .change) == .missing(key))
            complete = Bodies.with(complete, key, .string(value))
        }
        #expect(error(complete, .change) == nil)
        #expect(error(Bodies.with(Bodies.issue, "source_id", nil), .issue) == .missing("source_id"))
        let proactive = Bodies.with(Bodies.with(Bodies.issue, "source", "issues_mgmt_associated_type_4000"), "source_id", nil)
        #expect(error(proactive, .issue) == nil)
        #expect(error(Bodies.with(Bodies.issue, "issue_contact_person", nil), .issue) == .missing("issue_contact_person"))
        let shift = Bodies.with(
            Bodies.with(Bodies.issue, "virtual_schedule_type", "issues_mgmt_virtual_schedule_type_1000"),
            "issue_contact_person", nil)
        #expect(error(shift, .issue) == nil)
    }

    // §4.4 step 4: enumerations.
    @Test func enumerations() {
        let cases: [(JSON, TicketKind, String, [String])] = [
            (Bodies.change, .change, "change_type", ["change_type_conventional", "change_type_urgentu"]),
            (Bodies.change, .change, "level", CreateRules.changeLevels),
            (Bodies.change, .change, "change_scheme", ["change_scheme_runbook", "change_scheme_guides"]),
            (Bodies.issue, .issue, "level", CreateRules.issueLevels),
            (Bodies.issue, .issue, "virtual_schedule_type", CreateRules.scheduleTypes),
            (Bodies.issue, .issue, "source", CreateRules.sources),
            (Bodies.issue, .issue, "ticket_type", CreateRules.issueTypes),
        ]
        for (body, kind, field, values) in cases {
            #expect(error(Bodies.with(body, field, "bogus"), kind) == .notOneOf(field, values))
        }
        #expect(error(Bodies.with(Bodies.change, "level", "issues_level_1000"), .change) != nil)
        let badScope: JSON = [["target_type": "everything"]]
        #expect(
            error(Bodies.with(Bodies.change, "sub_tickets", badScope), .change)
                == .notOneOf("sub_tickets[0].target_type", ["change_scope", "child_ticket"]))
    }

    // §6.1: the SDK sends JSON booleans and integers; strings where they belong are refused.
    @Test func types() {
        #expect(
            error(Bodies.with(Bodies.change, "is_start_process", "true"), .change) == .wrongType("is_start_process", "a boolean"))
        #expect(error(Bodies.with(Bodies.issue, "fount_time", "1750737600000"), .issue) == .wrongType("fount_time", "an integer"))
        #expect(error(Bodies.with(Bodies.issue, "fount_time", 1.5), .issue) == .wrongType("fount_time", "an integer"))
        #expect(error(Bodies.with(Bodies.change, "title", 5), .change) == .wrongType("title", "a string"))
        #expect(error(Bodies.with(Bodies.change, "sub_tickets", "x"), .change) == .wrongType("sub_tickets", "an array"))
        #expect(error(Bodies.with(Bodies.change, "sub_tickets", []), .change) == .missing("sub_tickets"))
        let scope: JSON = [["target_type": "change_scope", "app_name": "ECS"]]
        #expect(error(Bodies.with(Bodies.change, "sub_tickets", scope), .change) == .missing("sub_tickets[0].region"))
        // Only target_type makes a scope line (§4.3): another field reading change_scope does not.
        let plan: JSON = [["target_type": "child_ticket", "app_name": "change_scope"]]
        #expect(error(Bodies.with(Bodies.change, "sub_tickets", plan), .change) == nil)
        let times: JSON = [["target_type": "child_ticket", "expected_start_time": "soon"]]
        #expect(
            error(Bodies.with(Bodies.change, "sub_tickets", times), .change)
                == .wrongType("sub_tickets[0].expected_start_time", "an integer"))
        #expect(error([1, 2], .change) == COCError.notAnObject)
    }

    // §4.4: the values are kept as the body spells them, read from its bytes: escapes undone,
    // non-ASCII text whole, and of a repeated key the last (as the SDK's JSON libraries keep it).
    @Test func valuesComeFromTheBodysBytes() throws {
        let subTickets = #"[{"target_type":"child_ticket","expected_start_time":1750755723000}]"#
        func body(_ members: String) -> String {
            #"{"change_notes":"n","change_scheme":"change_scheme_guides","change_guides":"g","change_scene_id":"s","#
                + #""current_cloud_service_id":"c","location_id":"l","sub_tickets":"# + subTickets + "," + members + "}"
        }
        let fields = try CreateRules.validate(
            JSONTape.parse(
                Array(body(#""title":"caf\u00e9 \"déjà\"","change_type":"bogus","change_type":"change_type_urgentu""#).utf8)),
            kind: .change)
        #expect(fields.value(rule: CreateRules.index("title", in: CreateRules.change)) == .string("café \"déjà\""))
        #expect(fields.value(rule: CreateRules.index("change_type", in: CreateRules.change)) == .string("change_type_urgentu"))
        #expect(Array(fields.sections[0]).map(\.value) == [.string("child_ticket"), .int(1_750_755_723_000)])
        #expect(throws: COCError.notOneOf("change_type", ["change_type_conventional", "change_type_urgentu"])) {
            try CreateRules.validate(
                JSONTape.parse(Array(body(#""change_type":"change_type_urgentu","change_type":"bogus""#).utf8)), kind: .change)
        }
    }

    // The pack is written as the rules are checked, into a block bounded before any is: a body
    // keeping every field, with the longest enumeration values, a default, integers, escapes that
    // unescape to shorter text, and sub-tickets must fit and read back whole.
    @Test func aBodyKeepingEveryFieldFitsItsPack() throws {
        var body = Bodies.with(Bodies.change, "change_scheme", "change_scheme_runbook")
        for name in ["plan_task_id", "plan_task_name", "plan_task_params", "change_guides", "title"] {
            body = Bodies.with(body, name, .string(name + "\u{e9}\"\n" + String(repeating: "\u{1F600}", count: 100)))
        }
        body = Bodies.with(body, "plan_task_sub_type", "CUSTOMIZATION")
        body = Bodies.with(body, "level", "change_level_040")
        body = Bodies.with(body, "is_start_process", nil)
        let sub: JSON = [
            "target_type": "change_scope", "app_name": "a", "region": "r",
            "target_value": .string(String(repeating: "\u{1F600}", count: 100)),
            "expected_start_time": .int(Int64.max), "expected_end_time": .int(Int64.min), "executors": "e",
            "cooperators": "c", "resource_biz_id": "b",
        ]
        body = Bodies.with(body, "sub_tickets", .array(Array(repeating: sub, count: 3)))
        let escaped = JSONWriter.bytes(body, escapeNonASCII: true)
        let fields = try CreateRules.validate(JSONTape.parse(escaped), kind: .change)
        let title = CreateRules.index("title", in: CreateRules.change)
        #expect(fields.value(rule: title) == .string("title\u{e9}\"\n" + String(repeating: "\u{1F600}", count: 100)))
        #expect(fields.value(rule: CreateRules.startProcess.change) == .bool(true))
        #expect(fields.sections.count == 3)
        #expect(fields.sections.allSatisfy { Array($0).count == 9 })
        let start = CreateRules.index("expected_start_time", in: CreateRules.subTicket)
        #expect(fields.sections[2].value(rule: start) == .int(Int64.max))
    }

    // §4.4 step 5: unknown and "extra" fields are ignored.
    @Test func extrasIgnored() throws {
        let body = Bodies.with(Bodies.with(Bodies.change, "approve_type", "or_sign"), "whatever", [1])
        let (fields, subs) = try CreateRules.validate(body, kind: .change)
        #expect(Array(fields).count == 10)
        #expect(subs.count == 2)
    }

    // §5.6, §5.4: the external issue and incident bodies.
    @Test func externalBodies() throws {
        #expect(throws: COCError.missing("incident_level")) { try ExternalRules.incident(BodyReader(body: [:])) }
        let boolInterrupt = Bodies.with(Bodies.incident, "is_service_interrupt", true)
        #expect(throws: COCError.wrongType("is_service_interrupt", "a string")) {
            try ExternalRules.incident(BodyReader(body: boolInterrupt))
        }
        let long = Bodies.with(Bodies.incident, "incident_title", .string(String(repeating: "x", count: 201)))
        #expect(throws: COCError.tooLong("incident_title", 200)) { try ExternalRules.incident(BodyReader(body: long)) }
        let issue: JSON = [
            "title": "t", "description": "d", "impacted_cloud_services": ["ecs"], "level": "issues_level_1000",
            "ticket_type": "issues_type_2000", "reproduce_probability": "issues_reproduce_probability_1000",
            "root_cause_cloud_service": ["ecs", "evs"], "virtual_schedule_type": "issues_mgmt_virtual_schedule_type_1000",
        ]
        #expect(throws: COCError.badCount("root_cause_cloud_service", "exactly 1 item")) {
            try ExternalRules.externalIssue(BodyReader(body: issue))
        }
        #expect(throws: Never.self) {
            try ExternalRules.externalIssue(BodyReader(body: Bodies.with(issue, "root_cause_cloud_service", ["ecs"])))
        }
    }
}
