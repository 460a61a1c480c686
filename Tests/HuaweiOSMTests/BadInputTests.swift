import MockCore
import Testing
import TestSupport
@testable import HuaweiOSM

/// Every body-taking endpoint answers broken JSON, a non-object, wrong types and unknown case ids
/// with the vendor's error (HTTP 200, huawei-osm.md §2.2), and changes nothing.
@Suite struct BadInputTests {
    /// (method, path with `{id}`, a body with a wrong type)
    static let endpoints: [(String, String, JSON)] = [
        ("POST", "/cases/{id}/action?action_id=close", ["judgement": ["x"]]),
        (
            "POST", "/cases/{id}/score",
            ["judgement": 1, "incident_satisfaction_list": [["satisfaction_id": 1, "satisfaction_value": 5]]]
        ),
        ("POST", "/cases/{id}/message", ["message": ["content": ["x"]]]),
        ("PUT", "/cases/{id}/contact-info", ["remind_mobile": 13800000000]),
        ("POST", "/cases/{id}/extends-param", ["extends_map": 3]),
        ("POST", "/cases/{id}/relations", ["related_id_list": "CS20260105000001"]),
        ("DELETE", "/cases/{id}/relations", ["related_id": 5]),
        ("POST", "/labels", ["name": 5, "color": "#fff"]),
        ("PUT", "/labels/1", ["name": true]),
        (
            "POST", "/accessorys/json-format-content",
            ["accessory_name": "a.txt", "accessory_from": "incident", "accessory_data": 5]
        ),
        ("POST", "/verifycodes/send", ["contact_value": 138, "contact_way": 0, "area_code": "86"]),
        ("POST", "/verifycodes", ["verify_code": 123456, "contact_value": "x", "contact_way": 0]),
    ]

    func send(_ h: Harness, _ method: String, _ path: String, raw: String) throws -> TestResponse {
        var headers = Harness.signed
        headers.add("Content-Type", "application/json")
        return try h.client.send(
            Request(method: method, uri: "/v2/servicerequest" + path, headers: headers, body: Array(raw.utf8)))
    }

    @Test(arguments: endpoints.indices) func brokenJSONWrongTypesNonObjects(_ index: Int) throws {
        let (method, template, wrongType) = Self.endpoints[index]
        let h = Harness()
        let id = try h.createCase()
        _ = try h.post("/labels", ["name": "l", "color": "#fff"])
        let path = template.replacingOccurrences(of: "{id}", with: id)
        let before = try h.get("/cases/\(id)").json
        for raw in ["{", "[1]", "\"text\"", "{\"a\":1,}"] {
            let answer = try send(h, method, path, raw: raw)
            #expect(answer.status == 200)
            #expect(answer.json == Expect.invalidParam, "\(method) \(path) \(raw)")
        }
        #expect(try send(h, method, path, raw: wrongType.jsonString).json == Expect.invalidParam, "\(method) \(path)")
        #expect(try h.get("/cases/\(id)").json == before)
    }

    @Test func unknownCaseIds() throws {
        let h = Harness()
        let valid: [(String, String, JSON)] = [
            ("POST", "/cases/{id}/action?action_id=close", [:]),
            (
                "POST", "/cases/{id}/score",
                ["judgement": "x", "incident_satisfaction_list": [["satisfaction_id": 1, "satisfaction_value": 5]]]
            ),
            ("POST", "/cases/{id}/message", ["message": ["content": "x"]]),
            ("PUT", "/cases/{id}/contact-info", ["remind_mobile": "13800000000"]),
            ("POST", "/cases/{id}/extends-param", ["extends_map": ["a": "b"]]),
            ("GET", "/cases/{id}/extends-param", [:]),
            ("GET", "/cases/{id}/relations", [:]),
            ("GET", "/cases/{id}/labels", [:]),
            ("GET", "/cases/{id}/messages", [:]),
            ("GET", "/cases/{id}/operate-logs", [:]),
            ("GET", "/cases/{id}/instant-messages/more", [:]),
            ("POST", "/cases/{id}/instant-messages/abc/withdraw", [:]),
        ]
        for (method, template, body) in valid {
            for id in ["CS20260105000042", "x", "CS2026010500000A"] {
                let path = template.replacingOccurrences(of: "{id}", with: id)
                let answer = try h.send(method, path, method == "GET" ? nil : body)
                #expect(answer.json == Expect.notFound, "\(method) \(path)")
            }
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
