@testable import BlueKingITSM
import MockCore
import Testing

/// Every endpoint against broken JSON, an oversized body, unknown ids and missing fields, with the
/// exact code and message, and the store unchanged (bk-itsm.md §4.3–§4.5).
@Suite struct BadInputTests {
    let h = Harness()
    static let wrapped = Routes.endpoints.filter { $0.readsBody && $0.wrapped }.map(\.name)
    static let unwrapped = Routes.endpoints.filter { $0.readsBody && !$0.wrapped }.map(\.name)

    func path(_ name: String) -> String {
        let endpoint = Routes.endpoints.first { $0.name == name }!
        return endpoint.gatewayOnly ? "/api/bk-itsm/prod/v2/itsm/\(endpoint.path)/" : "\(Harness.esb)/\(endpoint.path)/"
    }

    // §4.3 row 5: DRF's ParseError through catch_openapi_exception.
    @Test(arguments: wrapped) func brokenJSONWrapped(name: String) throws {
        _ = try h.create()
        let before = h.snapshot
        let answer = try h.client.post(path(name), text: #"{"sn": "#, headers: Harness.auth).json
        #expect(answer.code == 3900004)
        #expect(answer.message == "接口异常，请检查请求参数: JSON parse error - Expecting value: line 1 column 8 (char 7)")
        #expect(h.snapshot == before)
    }

    // §4.5: the views without the wrapper answer with DRF's string codes.
    @Test(arguments: unwrapped) func brokenJSONUnwrapped(name: String) throws {
        let answer = try h.client.post(path(name), text: #"{"sn" 1}"#, headers: Harness.auth).json
        #expect(answer.code == "SERVER_500_ERROR")
        #expect(answer.message == "JSON parse error - Expecting ':' delimiter: line 1 column 7 (char 6)")
        #expect(answer["result"] == false)
    }

    // Python decoder message kinds.
    @Test func decoderMessages() throws {
        func message(_ text: String) throws -> String? {
            try h.client.post(path("create_ticket"), text: text, headers: Harness.auth).json.message
        }
        let prefix = "接口异常，请检查请求参数: JSON parse error - "
        #expect(try message("{1: 2}") == prefix + "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")
        #expect(try message("{}x") == prefix + "Extra data: line 1 column 3 (char 2)")
        #expect(try message("{\"a\": 1 \"b\"}") == prefix + "Expecting ',' delimiter: line 1 column 9 (char 8)")
    }

    // Unknown sn on every endpoint that takes one: 3900022.
    @Test(arguments: [
        "get_ticket_status", "get_ticket_info", "get_ticket_logs", "operate_ticket", "operate_node", "comment_ticket",
        "approve", "get_approver", "get_approve_node_result", "add_follower", "edit_field",
    ])
    func unknownSN(name: String) throws {
        let body: JSON = ["sn": "REQ20990101000001", "operator": "admin", "stars": 3, "state_id": 407, "action_type": "SUSPEND"]
        let answer = try h.client.post(path(name) + "?sn=REQ20990101000001", json: body, headers: Harness.auth).json
        #expect(answer.code == 3900022)
        #expect(answer.message == "没有找到对应的单据")
        #expect(answer["data"] == .null)
    }

    // An oversized body on the vendor's paths (ESB envelope, HTTP 200).
    @Test func oversizedBody() {
        let response = h.emulator.payloadTooLarge(Request(method: "POST", uri: "\(Harness.esb)/create_ticket/"))
        #expect(response.status == 200)
        let body = (try? JSONParser.parse(response.body)) ?? .null
        #expect(body["code"] == 1306406)
        #expect(body["message"] == "Parameters error, request body is too large")
        #expect(body["request_id"]?.stringValue?.count == 32)
    }

    // Missing required ids on the service endpoints.
    @Test func missingIds() throws {
        #expect(try h.get("get_service_detail").code == 3900404)
        #expect(try h.get("get_service_roles").code == 3900042)
        #expect(try h.get("get_workflow_detail").code == 3900404)
        #expect(try h.post("token/verify", [:]).message == "接口异常，请检查请求参数: 'token'")
        #expect(try h.post("import_service", ["name": "x"]).code == 3900005)
        #expect(try h.post("ticket_approval_result", [:])["data"] == [])
    }
}
