import HuaweiCloud
import MockCore
import Synchronization
import TestSupport
import Testing
@testable import HuaweiOSM

/// An in-process emulator (HuaweiCloud + HuaweiOSM on one router) with a frozen clock, seeded ids,
/// manual timers and a recording outbound client; events are collected.
final class Harness: Sendable {
    let context: EmulatorContext
    let osm: HuaweiOSM
    let client: TestClient
    private let seen = EventSink()

    static let signed: Headers = [
        "Authorization":
            "SDK-HMAC-SHA256 Access=TESTAK0123456789ABCD, SignedHeaders=content-type;host;x-sdk-date, Signature=0a1b2c",
        "X-Sdk-Date": "20260105T090000Z",
    ]

    /// The §8 create_cases body, as the official client sent it.
    static let observedBody: JSON = [
        "incident_sub_type_id": "sub-1", "product_category_id": "prod-1", "business_type_id": "bt-1",
        "region_id": "cn-north-4", "simple_description": "ECS cannot start",
        "source_id": "83aeb0f2834c4df49826c781d32a963e", "remind_mobile": "13800000000",
        "remind_mail": "a@example.com", "remind_time": "0", "accessory_ids": ["acc-1"], "extends_map": ["k": "v"],
        "severity_id": "sev-1",
    ]

    init(seeds: [JSON] = []) {
        let clock = MockClock()
        clock.freeze(at: Timestamp(iso8601: "2026-01-05T09:00:00Z")!)
        context = EmulatorContext(
            clock: clock, ids: IdSource(seed: 42), timers: ManualTimers(), outbound: RecordingOutbound())
        let huawei = HuaweiCloud(context: context)
        osm = HuaweiOSM(context: context, gateway: huawei.gateway)
        if !seeds.isEmpty { osm.applySeeds(seeds) }
        var router = Router()
        huawei.register(into: &router)
        osm.register(into: &router)
        let routes = router
        client = .inProcess { request in
            guard let match = routes.match(method: request.method, path: request.path) else {
                return Response(status: 599)
            }
            var routed = request
            routed.parameters = match.parameters
            return match.route.handler(routed)
        }
        let seen = seen
        context.events.subscribe { event in seen.list.withLock { $0.append(event) } }
    }

    var events: [DomainEvent] { seen.list.withLock { $0 } }

    func headers(_ extra: Headers = [:], domain: String? = nil) -> Headers {
        var all = Self.signed
        if let domain { all.add("X-Domain-Id", domain) }
        for field in extra { all.add(field.name, field.value) }
        return all
    }

    func post(_ path: String, _ body: JSON, headers extra: Headers = [:], domain: String? = nil) throws -> TestResponse {
        try client.post("/v2/servicerequest" + path, json: body, headers: headers(extra, domain: domain))
    }

    func post(_ path: String, raw: String, headers extra: Headers = [:]) throws -> TestResponse {
        try client.post("/v2/servicerequest" + path, text: raw, headers: headers(extra))
    }

    func get(_ path: String, headers extra: Headers = [:], domain: String? = nil) throws -> TestResponse {
        var all = headers(extra, domain: domain)
        all.add("Content-Type", "application/json")
        return try client.get("/v2/servicerequest" + path, headers: all)
    }

    func send(_ method: String, _ path: String, _ body: JSON? = nil, domain: String? = nil) throws -> TestResponse {
        try client.request(method, "/v2/servicerequest" + path, json: body, headers: headers(domain: domain))
    }

    /// Creates a case from `body` (the observed one by default) and returns its id.
    func createCase(_ body: JSON = Harness.observedBody, domain: String? = nil) throws -> String {
        let response = try post("/cases", body, domain: domain)
        guard let id = response.json["incident_id"]?.stringValue else {
            throw HarnessError.unexpected(response.text)
        }
        return id
    }

    func status(_ id: String) throws -> Int64? {
        try get("/cases/\(id)/status").json["status"]?.intValue
    }

    func act(_ id: String, _ action: String, _ body: JSON = [:]) throws -> TestResponse {
        try post("/cases/\(id)/action?action_id=\(action)", body)
    }

    func engineer(_ id: String, _ action: JSON) throws -> JSON {
        try osm.perform(action: action, ticketId: id, namespace: "default")
    }

    func advance(_ duration: Duration) { context.clock.advance(by: duration) }

    /// Cases listed; the cheap count `/_mock/metrics` uses must agree.
    var caseCount: Int {
        let listed = osm.tickets(namespace: "default").count
        #expect(osm.ticketCount(namespace: "default") == listed)
        return listed
    }
}

final class EventSink: Sendable {
    let list = Mutex<[DomainEvent]>([])
}

enum HarnessError: Error { case unexpected(String) }

/// The business-error bodies (huawei-osm.md §2.2).
enum Expect {
    static func error(_ code: String, _ message: String) -> JSON { ["error_code": .string(code), "error_msg": .string(message)] }
    static let invalidParam = error("OSM.01010001", "Param validation failed.")
    static let severity = error("OSM.01010006", "Severity Id does not exist.")
    static let pressed = error("OSM.01010004", "You have asked for the order. Please ask for it later")
    static let unknownOperation = error("OSM.01010013", "The operation must be canceled or closed or pressed or deleted")
    static let operationFailed = error("OSM.01010014", "Operation failed.")
    static let notFound = error("OSM.01010015", "This case does not exist.")
    static let verification = error("OSM.01010010", "Verification not passed.")
    static let typeZeroOrOne = error("OSM.01010012", "The type must be 0 or 1.")
}
