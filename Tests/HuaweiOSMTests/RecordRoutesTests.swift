import MockCore
import Testing
@testable import HuaweiOSM

/// Messages, score, operate logs, contact info, extension parameters, relations and labels
/// (huawei-osm.md §3.1, §5.3, §6).
@Suite struct RecordRoutesTests {
    @Test func messagesAddListWithdraw() throws {  // §5.3
        let h = Harness()
        let id = try h.createCase()
        #expect(
            try h.post("/cases/\(id)/message", ["message": ["content": "Any update?", "accessory_ids": ["acc-2"]]]).json == [:])
        let list = try h.get("/cases/\(id)/messages").json
        #expect(list["count"] == 2)
        #expect(list["message_list"]?[0]?["is_first_message"] == 1)
        #expect(list["message_list"]?[1]?["content"] == "Any update?")
        #expect(list["message_list"]?[1]?["type"] == 0)
        #expect(list["message_list"]?[1]?["accessory_list"]?[0]?["accessory_id"] == "acc-2")
        #expect(h.events.last?.name == "huawei_osm.message_added")
        let messageId = list["message_list"]?[1]?["message_id"]?.stringValue ?? ""
        #expect(try h.post("/cases/\(id)/instant-messages/\(messageId)/withdraw", [:]).json == [:])
        #expect(try h.get("/cases/\(id)/messages").json["count"] == 1)
        #expect(try h.post("/cases/\(id)/instant-messages/\(messageId)/withdraw", [:]).json == Expect.invalidParam)
        #expect(try h.get("/cases/\(id)/messages?limit=1&offset=1").json["message_list"] == [])
    }

    @Test func messageErrors() throws {
        let h = Harness()
        let id = try h.createCase()
        for body: JSON in [
            [:], ["message": "hi"], ["message": [:]], ["message": ["content": ""]], ["message": ["content": 3]],
            ["message": ["content": .string(String(repeating: "x", count: 2001))]],
        ] {
            #expect(try h.post("/cases/\(id)/message", body).json == Expect.invalidParam)
        }
        #expect(try h.post("/cases/\(id)/message", raw: "{").json == Expect.invalidParam)
        #expect(try h.post("/cases/CS20990101000001/message", ["message": ["content": "x"]]).json == Expect.notFound)
        _ = try h.act(id, "cancel")
        #expect(try h.post("/cases/\(id)/message", ["message": ["content": "x"]]).json == Expect.operationFailed)
        #expect(try h.get("/cases/\(id)/messages").json["count"] == 1)
    }

    @Test func customerAnswerWakesAWaitingCase() throws {  // §7: 17 → 1 on a customer message
        let h = Harness()
        let id = try h.createCase()
        _ = try h.engineer(id, ["action": "accept"])
        _ = try h.engineer(id, ["action": "reply", "message": "Please send the console log."])
        #expect(try h.status(id) == 17)
        _ = try h.post("/cases/\(id)/message", ["message": ["content": "Attached."]])
        #expect(try h.status(id) == 1)
    }

    @Test func score() throws {  // §6 create_scores
        let h = Harness()
        let id = try h.createCase()
        let body: JSON = ["judgement": "great", "incident_satisfaction_list": [["satisfaction_id": 2, "satisfaction_value": 4]]]
        #expect(try h.post("/cases/\(id)/score", body).json == Expect.operationFailed)
        _ = try h.act(id, "close")
        #expect(try h.post("/cases/\(id)/score", ["judgement": "great"]).json == Expect.invalidParam)
        #expect(
            try h.post("/cases/\(id)/score", ["incident_satisfaction_list": [["satisfaction_id": 2, "satisfaction_value": 4]]])
                .json
                == Expect.invalidParam)
        #expect(
            try h.post(
                "/cases/\(id)/score",
                ["judgement": "x", "incident_satisfaction_list": [["satisfaction_id": 2, "satisfaction_value": 6]]]
            ).json
                == Expect.invalidParam)
        #expect(try h.post("/cases/\(id)/score", body).json == [:])
        let info = try h.get("/cases/\(id)").json["incident_detail_info"]
        #expect(info?["judgement"] == "great")
        #expect(info?["incident_satisfaction"]?[0]?["satisfaction_name"] == "专业能力")
    }

    @Test func operateLogs() throws {
        let h = Harness()
        let id = try h.createCase()
        _ = try h.act(id, "press")
        _ = try h.engineer(id, ["action": "accept"])
        let logs = try h.get("/cases/\(id)/operate-logs").json
        #expect(logs["total_count"] == 3)
        #expect(logs["incident_operate_log_list"]?[0]?["operate_type"] == 0)
        #expect(logs["incident_operate_log_list"]?[1]?["operator_type"] == 0)
        #expect(logs["incident_operate_log_list"]?[2]?["operator_type"] == 1)
        #expect(logs["incident_operate_log_list"]?[0]?["operate_time"] == "2026-01-05 09:00:00")
        #expect(logs["incident_operate_log_list"]?[0]?["timestamp_operate_time"] == "2026-01-05T09:00:00Z")
        #expect(try h.get("/cases/\(id)/operate-logs?limit=abc").json == Expect.invalidParam)
    }

    @Test func contactInfo() throws {
        let h = Harness()
        let id = try h.createCase()
        #expect(try h.send("PUT", "/cases/\(id)/contact-info", ["remind_mobile": "13900000000", "area_code": 86]).json == [:])
        let ext = try h.get("/cases/\(id)").json["incident_detail_info"]?["ext_info"]
        #expect(ext?["remind_mobile"] == "13900000000")
        #expect(ext?["area_code"] == "86")
        #expect(
            try h.send("PUT", "/cases/\(id)/contact-info", ["remind_mail": .string(String(repeating: "m", count: 129))]).json
                == Expect.invalidParam)
        #expect(try h.send("PUT", "/cases/\(id)/contact-info", [:]).json == Expect.invalidParam)
    }

    @Test func extendsParam() throws {
        let h = Harness()
        let id = try h.createCase()
        #expect(try h.get("/cases/\(id)/extends-param").json == ["extends_map": ["k": "v"]])
        #expect(try h.post("/cases/\(id)/extends-param", ["extends_map": ["instance_id": "i-123"]]).json == [:])
        #expect(try h.get("/cases/\(id)/extends-param").json == ["extends_map": ["k": "v", "instance_id": "i-123"]])
        #expect(try h.post("/cases/\(id)/extends-param", ["extends_map": "x"]).json == Expect.invalidParam)
    }

    @Test func relations() throws {
        let h = Harness()
        let a = try h.createCase(), b = try h.createCase()
        #expect(try h.post("/cases/\(a)/relations", ["related_id_list": .array([.string(b)])]).json == [:])
        let list = try h.get("/cases/\(a)/relations").json
        #expect(list["case_relation_list"]?[0]?["case_id"] == .string(b))
        #expect(try h.post("/cases/\(a)/relations", ["related_id_list": .array([.string(a)])]).json == Expect.invalidParam)
        #expect(try h.post("/cases/\(a)/relations", ["related_id_list": ["CS20990101000001"]]).json == Expect.notFound)
        #expect(try h.send("DELETE", "/cases/\(a)/relations", ["related_id": .string(b)]).json == [:])
        #expect(try h.get("/cases/\(a)/relations").json == ["case_relation_list": []])
    }

    @Test func labels() throws {
        let h = Harness()
        let id = try h.createCase()
        #expect(try h.post("/labels", ["name": "urgent", "color": "#ff0000"]).json == [:])
        #expect(try h.post("/labels", ["name": "urgent", "color": "#00ff00"]).json == Expect.invalidParam)
        #expect(try h.post("/labels", ["name": "x"]).json == Expect.invalidParam)
        let labels = try h.get("/labels").json
        #expect(labels == ["total_count": 1, "label_list": [["label_id": 1, "name": "urgent", "color": "#ff0000"]]])
        #expect(try h.send("PUT", "/labels/1", ["color": "#aa0000"]).json == [:])
        #expect(try h.send("PUT", "/labels/9", ["color": "#aa0000"]).json == Expect.invalidParam)
        #expect(try h.post("/cases/\(id)/labels?label_ids=1", [:]).json == [:])
        #expect(try h.post("/cases/\(id)/labels?label_ids=7", [:]).json == Expect.invalidParam)
        #expect(
            try h.get("/cases/\(id)/labels").json == ["case_label_list": [["label_id": 1, "name": "urgent", "color": "#aa0000"]]])
        #expect(try h.get("/cases?label_id_list=1").json["total_count"] == 1)
        #expect(try h.get("/labels", domain: "other").json["total_count"] == 0)
        #expect(try h.send("DELETE", "/cases/\(id)/labels?label_ids=1").json == [:])
        #expect(try h.get("/cases/\(id)/labels").json == ["case_label_list": []])
        #expect(try h.send("DELETE", "/labels/1").json == [:])
        #expect(try h.get("/labels").json["total_count"] == 0)
    }
}
