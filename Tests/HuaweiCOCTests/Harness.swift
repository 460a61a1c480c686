import HuaweiCloud
import MockCore
import TestSupport
import Testing

@testable import HuaweiCOC

/// COC behind the Huawei gateway, in process, with a frozen clock.
struct COCHarness {
    let context: EmulatorContext
    let coc: HuaweiCOC
    let client: TestClient
    let events: EventLog

    init(auth: AuthMode = .open) {
        context = EmulatorContext(
            settings: Settings(authMode: auth, maxBodyBytes: 4096), ids: IdSource(seed: 7),
            timers: ManualTimers(), outbound: RecordingOutbound())
        context.clock.freeze(at: Timestamp(iso8601: "2025-06-24T03:52:56Z")!)
        let huawei = HuaweiCloud(context: context)
        coc = HuaweiCOC(context: context, gateway: huawei.gateway)
        var router = Router()
        huawei.register(into: &router)
        coc.register(into: &router)
        let dispatcher = Dispatcher(router: router, vendors: [huawei, coc], logger: context.logger)
        client = .inProcess { dispatcher.handle($0) }
        let log = EventLog()
        context.events.subscribe { log.append($0) }
        events = log
    }

    func post(_ path: String, _ body: JSON) throws -> TestResponse {
        try client.post(path, json: body, headers: signed)
    }

    func post(_ path: String, text: String) throws -> TestResponse {
        try client.post(path, text: text, headers: signed)
    }

    func get(_ path: String) throws -> TestResponse { try client.get(path, headers: signed) }

    func send(_ method: String, _ path: String, _ body: JSON? = nil) throws -> TestResponse {
        try client.request(method, path, json: body, headers: signed)
    }

    /// Creates a ticket and returns its `data`.
    func create(_ kind: String = "change", _ body: JSON = Bodies.change) throws -> JSON {
        let response = try post("/v1/\(kind)/tickets", body)
        #expect(response.status == 200, "\(response.text)")
        return response.json["data"] ?? .null
    }

    func action(_ kind: String, _ ticketId: String, _ action: String, _ params: JSON = [:]) throws -> TestResponse {
        try post("/v1/\(kind)/actions", ["ticket_id": .string(ticketId), "action": .string(action), "params": params])
    }

    func status(_ kind: String, _ id: String) throws -> String {
        try get("/v1/\(kind)/tickets/\(id)").json["data"]?["work_flow_status"]?.stringValue ?? "?"
    }

    /// Tickets and incidents listed; the cheap count `/_mock/metrics` uses must agree.
    var ticketCount: Int {
        let listed = coc.tickets(namespace: "default").count
        #expect(coc.ticketCount(namespace: "default") == listed)
        return listed
    }
}

final class EventLog: Sendable {
    private let events = Mutex<[DomainEvent]>([])
    func append(_ event: DomainEvent) { events.withLock { $0.append(event) } }
    var names: [String] { events.withLock { $0.map(\.name) } }
    var all: [DomainEvent] { events.withLock { $0 } }
}

import Synchronization

/// A well-formed signature header (open mode does not check the secret).
let signed: Headers = [
    "Authorization":
        "SDK-HMAC-SHA256 Access=TESTAK0123456789ABCD, SignedHeaders=content-type;host;x-sdk-date, Signature=0123abcd",
    "X-Sdk-Date": "20250624T035256Z", "Host": "127.0.0.1:18080",
]

/// Request bodies from huawei-coc.md §9 and §4.6.
enum Bodies {
    /// A change as a real client files it (the body bench/ sends): a full title and notes, uuid-
    /// and hex-length ids, a scope line and a plan line. Its strings are long enough to be stored
    /// on the heap, so the footprint test measures what a real store holds.
    static let realisticChange: JSON = [
        "title": "Expand ECS capacity for the order service before the 11.11 peak",
        "change_notes":
            "Scale the order-service ECS group from 12 to 20 nodes in cn-north-4, then verify the ELB health checks and the p99 latency dashboard.",
        "change_type": "change_type_conventional", "level": "change_level_030", "change_scheme": "change_scheme_guides",
        "change_guides": "ad2997a2-ad31-4aed-a07b-eb22b132520a", "change_scene_id": "GOCMLL01001",
        "current_cloud_service_id": "6470681a31da2a47ed50a919", "location_id": "cn-north-4", "approve_type": "or_sign",
        "is_start_process": true,
        "sub_tickets": [
            [
                "target_type": "change_scope", "app_name": "order-service", "region": "cn-north-4",
                "resource_biz_id": "6470681a31da2a47ed50a919",
            ],
            [
                "target_type": "child_ticket", "target_value": "cn-north-4", "expected_start_time": 1_750_755_723_000,
                "expected_end_time": 1_750_842_123_000, "executors": "005b950b4863447cb97cd77a89559c79",
                "cooperators": "0064670859f74dc89398d676d95e3577",
            ],
        ],
        "plan_task_type": "scheme_type_plan_task",
    ]

    static let change: JSON = [
        "title": "mock change", "change_notes": "notes", "change_type": "change_type_conventional",
        "level": "change_level_040", "change_scheme": "change_scheme_guides", "change_guides": "guide-doc-id",
        "change_scene_id": "GOCMLL06", "current_cloud_service_id": "app-123", "location_id": "cn-north-4",
        "is_start_process": true,
        "sub_tickets": [
            ["app_name": "ECS", "region": "cn-north-4", "target_type": "change_scope"],
            [
                "target_type": "child_ticket", "target_value": "cn-north-4", "expected_start_time": 1_750_737_600_000,
                "expected_end_time": 1_750_741_200_000, "executors": "user-id-1", "cooperators": "user-id-2",
            ],
        ],
    ]
    static let issue: JSON = [
        "title": "mock issue", "description": "desc", "enterprise_project": "0", "level": "issues_level_4000",
        "ticket_type": "issues_type_1000", "regions": "cn-north-4", "source": "issues_mgmt_associated_type_1000",
        "source_id": "IM202506240000000001", "fount_time": 1_750_737_600_000,
        "virtual_schedule_type": "issues_mgmt_virtual_schedule_type_2000", "issue_contact_person": "user-id-1",
        "is_start_process": false,
    ]
    /// The vendor's own issue example (§4.6): nulls, empty strings and a zero time are accepted.
    static let vendorIssue: JSON = [
        "title": "sdk_test_create", "description": "[Symptom] An issue ticket is created using the SDK.",
        "commit_upload_attachment": "", "regions": "", "enterprise_project": "0", "level": "issues_level_4000",
        "ticket_type": "issues_type_1000", "root_cause_cloud_service": "6470681a31da2a47ed50a919", "source": nil,
        "source_id": "", "fount_time": 0, "virtual_schedule_type": "issues_mgmt_virtual_schedule_type_2000",
        "issue_contact_person": "51875a8200fd45189f94745678545bc3", "schedule_scenes": "", "virtual_schedule_role": "",
    ]
    static let incident: JSON = [
        "incident_level": "level_40", "is_service_interrupt": "false", "incident_type": "inc_type_p_function_issues",
        "incident_title": "disk full", "incident_source": "incident_source_manual", "creator": "user-id-1",
        "region": ["cn-north-4"], "incident_description": "the disk is full",
    ]

    static func with(_ body: JSON, _ key: String, _ value: JSON?) -> JSON {
        var object = body.objectValue!
        object[key] = value
        return .object(object)
    }
}

func expectInvalid(_ response: TestResponse, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == 400, sourceLocation: sourceLocation)
    #expect(
        response.json == [
            "provider_code": "049", "error_code": "GOM.00007256",
            "error_msg": .string("Invalid parameter: " + message), "data": nil,
        ], sourceLocation: sourceLocation)
}

func expectUnknown(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == 400, sourceLocation: sourceLocation)
    #expect(response.json["error_code"] == "COC.00067003", sourceLocation: sourceLocation)
    #expect(response.json["error_msg"] == "Ticket does not exist", sourceLocation: sourceLocation)
}

extension CreateRules {
    /// `validate` of a body given as a tree, written out and parsed as a request's would be; the
    /// sub-tickets are the pack's sections.
    static func validate(_ body: JSON, kind: TicketKind) throws -> (fields: FieldPack, subTickets: [FieldPack]) {
        let pack = try validate(JSONTape.parse(body.jsonBytes), kind: kind)
        return (pack, pack.sections)
    }
}
