@testable import BlueKingITSM
import MockCore
import TestSupport

/// An emulator wired to a router, with a frozen clock, manual timers and a recording outbound client.
struct Harness {
    let context: EmulatorContext
    let emulator: BlueKingITSMEmulator
    let outbound: RecordingOutbound
    let client: TestClient

    static let auth: Headers = [
        "X-Bkapi-Authorization": #"{"bk_app_code": "demo-app", "bk_app_secret": "demo-secret", "bk_username": "admin"}"#
    ]
    static let esb = "/api/c/compapi/v2/itsm"
    static let approvalKeys = (
        result: "d5a9073de22acdb23c17563838604c41", remark: "e715b3a70e929e1261ba25645a9cc807",
        reject: "f4541bddfb28b1c65f8241baee64e4db"
    )

    init(
        auth: AuthMode = .open,
        answer: @escaping @Sendable (RecordingOutbound.Sent) -> OutboundResult = { _ in
            OutboundResult(status: 200, body: Array(#"{"code":0,"result":true}"#.utf8), error: nil)
        }
    ) {
        outbound = RecordingOutbound(answer: answer)
        let clock = MockClock()
        clock.freeze(at: Timestamp(iso8601: "2024-01-01T12:00:00+08:00")!)
        context = EmulatorContext(
            settings: Settings(authMode: auth, publicURL: "http://127.0.0.1:8080"), clock: clock, ids: IdSource(seed: 1),
            timers: ManualTimers(), outbound: outbound)
        emulator = BlueKingITSMEmulator(context: context)
        var router = Router()
        emulator.register(into: &router)
        let routes = router
        client = TestClient.inProcess { request in
            guard let match = routes.match(method: request.method, path: request.path) else {
                return GenericErrors.notFound(request)
            }
            var routed = request
            routed.parameters = match.parameters
            return match.route.handler(routed)
        }
    }

    func post(_ name: String, _ body: JSON, headers: Headers = Harness.auth) throws -> JSON {
        try client.post("\(Self.esb)/\(name)/", json: body, headers: headers).json
    }

    func get(_ name: String, _ query: String = "", headers: Headers = Harness.auth) throws -> JSON {
        try client.get("\(Self.esb)/\(name)/\(query.isEmpty ? "" : "?" + query)", headers: headers).json
    }

    static func builtinBody(approver: String = "admin,zhangsan", processors: String? = "zhangsan", callback: String? = nil)
        -> JSON
    {
        var meta = JSONObject()
        if let processors { meta["state_processors"] = ["407": .string(processors)] }
        if let callback { meta["callback_url"] = .string(callback) }
        return [
            "service_id": 17, "creator": "admin",
            "fields": [
                ["key": "title", "value": "测试内置审批"], ["key": "APPROVER", "value": .string(approver)],
                ["key": "APPROVAL_CONTENT", "value": "这是一个审批单"],
            ],
            "fast_approval": false, "meta": .object(meta),
        ]
    }

    /// Creates a built-in approval ticket and returns its sn.
    func create(_ body: JSON = Harness.builtinBody()) throws -> String {
        let answer = try post("create_ticket", body)
        return answer["data"]?["sn"]?.stringValue ?? "<\(answer.jsonString)>"
    }

    func approve(_ sn: String, by user: String = "zhangsan", result: String = "true", remark: String = "") throws -> JSON {
        try post(
            "operate_node",
            [
                "sn": .string(sn), "operator": .string(user), "state_id": 407, "action_type": "TRANSITION",
                "fields": [
                    ["key": .string(Self.approvalKeys.result), "value": .string(result)],
                    ["key": .string(Self.approvalKeys.remark), "value": .string(result == "true" ? remark : "")],
                    ["key": .string(Self.approvalKeys.reject), "value": .string(result == "false" ? remark : "")],
                ],
            ])
    }

    func status(_ sn: String) throws -> JSON { try get("get_ticket_status", "sn=\(sn)") }

    /// Every ticket as the admin view shows it (to prove a rejected request changed nothing).
    var snapshot: String { JSON.array(emulator.tickets(namespace: "default")).jsonString }
}

extension JSON {
    var code: JSON? { self["code"] }
    var message: String? { self["message"]?.stringValue }
}
