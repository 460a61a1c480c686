import MockCore
import Testing
@testable import HuaweiOSM

/// create, detail, list, status, counts and actions over HTTP, in process.
@Suite struct CaseRoutesTests {
    @Test func createReturnsAnIncidentId() throws {  // huawei-osm.md §4.4, §9
        let h = Harness()
        let response = try h.post("/cases", Harness.observedBody)
        #expect(response.status == 200)
        #expect(response.json == ["incident_id": "CS20260105000001"])
        #expect(response.headers["Content-Type"] == "application/json;charset=UTF-8")
        #expect(response.headers["X-Request-Id"]?.utf8.count == 32)
        #expect(try h.createCase() == "CS20260105000002")
        #expect(h.events.map(\.name) == ["huawei_osm.case_created", "huawei_osm.case_created"])
    }

    @Test func detailHasTheTypedShape() throws {  // §5.1
        let h = Harness()
        let id = try h.createCase()
        let info = try h.get("/cases/\(id)").json["incident_detail_info"]
        #expect(info?["incident_id"] == .string(id))
        #expect(info?["status"] == 0)
        #expect(info?["business_type_name"] == "故障")
        #expect(info?["incident_type_name"] == "技术支持")
        #expect(info?["dc_name"] == "华北-北京四")
        #expect(info?["severity_name"] == "一般")
        #expect(info?["create_time"] == "2026-01-05T09:00:00Z")
        #expect(info?["xcustomer_id"] == "mockdomainid0001")
        #expect(info?["business_ownership"] == 0)
        #expect(info?["ext_info"]?["remind_mobile"] == "13800000000")
        #expect(info?["message_list"]?[0]?["is_first_message"] == 1)
        #expect(info?["message_list"]?[0]?["content"] == "ECS cannot start")
        let english = try h.get("/cases/\(id)", headers: ["X-Language": "en-us"]).json["incident_detail_info"]
        #expect(english?["business_type_name"] == "Fault")
    }

    @Test func unknownAndMalformedIds() throws {  // §6 [mock]: OSM.01010015
        let h = Harness()
        for id in ["CS20260105000009", "nope", "123"] {
            #expect(try h.get("/cases/\(id)").json == Expect.notFound)
            #expect(try h.get("/cases/\(id)/status").json == Expect.notFound)
            #expect(try h.act(id, "cancel").json == Expect.notFound)
        }
    }

    @Test func casesAreScopedToTheCallersAccount() throws {  // §1, huawei-auth.md §8
        let h = Harness()
        let mine = try h.createCase(domain: "domain-a")
        #expect(try h.get("/cases/\(mine)", domain: "domain-b").json == Expect.notFound)
        #expect(try h.get("/cases", domain: "domain-b").json["total_count"] == 0)
        #expect(try h.get("/cases", domain: "domain-a").json["total_count"] == 1)
        #expect(try h.get("/cases/\(mine)", domain: "domain-a").json["incident_detail_info"]?["xcustomer_id"] == "domain-a")
    }

    @Test func gatewayErrors() throws {  // huawei-auth.md §4
        let h = Harness()
        let bare = try h.client.post("/v2/servicerequest/cases", json: Harness.observedBody)
        #expect(bare.status == 401)
        #expect(bare.json["error_code"] == "APIGW.0301")
        #expect(bare.json["error_msg"] == "Incorrect IAM authentication information: x-auth-token not found")
        let malformed = try h.client.post(
            "/v2/servicerequest/cases", json: Harness.observedBody, headers: ["Authorization": "Bearer x"])
        #expect(malformed.json["error_msg"] == "Incorrect IAM authentication information: verify aksk signature fail")
        let token = try h.client.post("/v2/servicerequest/cases", json: Harness.observedBody, headers: ["X-Auth-Token": "tok"])
        #expect(token.json["incident_id"] == "CS20260105000001")
        let unknown = try h.client.get("/v2/servicerequest/nothing-here", headers: Harness.signed)
        #expect(unknown.status == 404)
        #expect(unknown.json["error_code"] == "APIGW.0101")
        #expect(h.osm.payloadTooLarge(Request(method: "POST", uri: "/v2/servicerequest/cases")).status == 413)
        #expect(h.caseCount == 1)
    }

    @Test func rejectedCreatesChangeNothing() throws {  // §2.2, §4.3: HTTP 200 with the error, store unchanged
        let h = Harness()
        var long = Harness.observedBody
        long["simple_description"] = .string(String(repeating: "x", count: 1201))
        var severity = Harness.observedBody
        severity["severity_id"] = "sev-x"
        var unknownType = Harness.observedBody
        unknownType["business_type_id"] = "bt-x"
        var accessories = Harness.observedBody
        accessories["accessory_ids"] = JSON(["1", "2", "3", "4", "5", "6"])
        var wrongType = Harness.observedBody
        wrongType["simple_description"] = 42
        for (body, error) in [
            (long, Expect.invalidParam), (severity, Expect.severity), (unknownType, Expect.invalidParam),
            (accessories, Expect.invalidParam), (wrongType, Expect.invalidParam),
        ] {
            let response = try h.post("/cases", body)
            #expect(response.status == 200)
            #expect(response.json == error)
        }
        #expect(try h.post("/cases", raw: "{\"business_type_id\": ").json == Expect.invalidParam)
        #expect(try h.post("/cases", raw: "[]").json == Expect.invalidParam)
        #expect(try h.post("/cases", [:]).json == Expect.invalidParam)
        #expect(try h.post("/cases", Harness.observedBody, headers: ["X-Site": "7"]).json == Expect.invalidParam)
        #expect(h.caseCount == 0)
        #expect(h.events.isEmpty)
        #expect(try h.createCase() == "CS20260105000001")
    }

    @Test func listFiltersAndPages() throws {  // §5.2
        let h = Harness()
        var consultation = Harness.observedBody
        consultation["business_type_id"] = "bt-2"
        consultation["severity_id"] = .null
        for index in 1...12 {
            consultation["simple_description"] = .string("question \(index) about OBS")
            _ = try h.createCase(index % 2 == 0 ? consultation : Harness.observedBody)
        }
        let first = try h.get("/cases").json
        #expect(first["total_count"] == 12)
        #expect(first["incident_info_list"]?.arrayValue?.count == 10)
        #expect(first["incident_info_list"]?[0]?["incident_id"] == "CS20260105000012")
        #expect(first["incident_info_list"]?[0]?["label_list"] == [])
        let second = try h.get("/cases?offset=10&limit=10").json
        #expect(second["incident_info_list"]?.arrayValue?.count == 2)
        #expect(try h.get("/cases?search_key=OBS").json["total_count"] == 6)
        #expect(try h.get("/cases?search_key=question%201&search_key=OBS").json["total_count"] == 2)  // 10 and 12
        #expect(try h.get("/cases?incident_id=CS20260105000003").json["total_count"] == 1)
        _ = try h.act("CS20260105000003", "cancel")
        #expect(try h.get("/cases?status=4").json["total_count"] == 1)
        #expect(try h.get("/cases?incident_status=0,4").json["total_count"] == 12)
        #expect(try h.get("/cases?query_start_time=2026-01-06T00:00:00Z").json["total_count"] == 0)
        for bad in ["status=abc", "status=6", "limit=0", "limit=x", "offset=-1", "query_start_time=yesterday", "label_id_list=a"]
        {
            #expect(try h.get("/cases?\(bad)").json == Expect.invalidParam, "\(bad)")
        }
    }

    @Test func legacyList() throws {  // §3.1 list_order_incident, camelCase query and body
        let h = Harness()
        for _ in 0..<3 { _ = try h.createCase() }
        let page = try h.client.get(
            "/osm/incidentservice/api/v1/queryincident?pageNo=2&pageSize=2&searchKey=ECS", headers: Harness.signed
        ).json
        #expect(page["totalCount"] == 3)
        #expect(page["incidentInfoList"]?.arrayValue?.count == 1)
        #expect(page["incidentInfoList"]?[0]?["incidentId"] == "CS20260105000001")
        #expect(page["incidentInfoList"]?[0]?["type"] == 5)
        #expect(
            try h.client.get("/osm/incidentservice/api/v1/queryincident?pageNo=0", headers: Harness.signed).json
                == Expect.invalidParam)
    }

    @Test func statusAndCounts() throws {  // §3.1
        let h = Harness()
        let a = try h.createCase(), b = try h.createCase()
        _ = try h.act(b, "close")
        #expect(try h.status(a) == 0)
        #expect(try h.status(b) == 3)
        let counts = try h.get("/cases/count").json["incident_status_counts"]?.arrayValue ?? []
        #expect(counts.count == 8)
        #expect(counts.first == ["status": 0, "count": 1])
        #expect(counts.contains(["status": 3, "count": 1]))
        #expect(try h.get("/cases/count?status=3").json == ["incident_status_counts": [["status": 3, "count": 1]]])
        #expect(try h.get("/cases/count?status=x").json == Expect.invalidParam)
    }
}
