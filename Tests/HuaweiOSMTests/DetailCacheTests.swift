import MockCore
import Testing
@testable import HuaweiOSM

/// `show_case_detail` answers a rendering kept per case and language (huawei-osm.md §5.1). It is
/// reused only while the case reads the same, so a show after any kind of change answers the
/// changed case: each test shows the case (filling the cache), changes it, and compares the next
/// show with a detail written afresh from the store.
@Suite struct DetailCacheTests {
    /// The shown detail, checked against one rendered from the store without the cache.
    @discardableResult
    func shown(_ h: Harness, _ id: String, english: Bool = false) throws -> JSON {
        let language: Language = english ? .english : .chinese
        let headers: Headers = english ? ["X-Language": "en-us"] : [:]
        let info = try #require(h.get("/cases/\(id)", headers: headers).json["incident_detail_info"])
        let snapshot = try h.osm.service.detail(id, namespace: TicketMock.defaultNamespace, domain: nil)
        let fresh = CaseViews.detail(snapshot, catalog: h.osm.service.catalog(TicketMock.defaultNamespace), language: language)
        #expect(info == fresh)
        return info
    }

    @Test func repeatedShowsAnswerTheSameBytes() throws {
        let h = Harness()
        let id = try h.createCase()
        let first = try h.get("/cases/\(id)").body
        #expect(try h.get("/cases/\(id)").body == first)
        try shown(h, id)
    }

    @Test func customerActions() throws {
        let h = Harness()
        let id = try h.createCase()
        #expect(try shown(h, id)["status"] == 0)
        _ = try h.act(id, "press")  // a log and the press time only: the detail reads the same
        try shown(h, id)
        _ = try h.act(
            id, "close", ["judgement": "ok", "incident_satisfaction_list": [["satisfaction_id": 1, "satisfaction_value": 4]]])
        let closed = try shown(h, id)
        #expect(closed["status"] == 3)
        #expect(closed["judgement"] == "ok")
        #expect(closed["incident_satisfaction"]?[0]?["satisfaction_value"] == 4)
        _ = try h.act(id, "delete")
        #expect(try h.get("/cases/\(id)").json == Expect.notFound)
    }

    @Test func cancel() throws {
        let h = Harness()
        let id = try h.createCase()
        try shown(h, id)
        _ = try h.act(id, "cancel")
        #expect(try shown(h, id)["status"] == 4)
    }

    @Test func messagesAndWithdrawal() throws {
        let h = Harness()
        let id = try h.createCase()
        try shown(h, id)
        _ = try h.post("/cases/\(id)/message", ["message": ["content": "Any update?"]])
        let withMessage = try shown(h, id)
        #expect(withMessage["message_list"]?.arrayValue?.count == 2)
        let messageId = withMessage["message_list"]?[1]?["message_id"]?.stringValue ?? ""
        #expect(try h.post("/cases/\(id)/instant-messages/\(messageId)/withdraw", [:]).json == [:])
        #expect(try shown(h, id)["message_list"]?.arrayValue?.count == 1)
    }

    @Test func contactChange() throws {
        let h = Harness()
        let id = try h.createCase()
        try shown(h, id)
        _ = try h.send("PUT", "/cases/\(id)/contact-info", ["remind_mobile": "13900000000"])
        #expect(try shown(h, id)["ext_info"]?["remind_mobile"] == "13900000000")
    }

    @Test func engineerStepsAndScore() throws {
        let h = Harness()
        let id = try h.createCase()
        try shown(h, id)
        _ = try h.engineer(id, ["action": "accept", "message": "Looking into it."])
        #expect(try shown(h, id)["status"] == 1)
        _ = try h.engineer(id, ["action": "reply", "message": "Which instance?"])
        #expect(try shown(h, id)["status"] == 17)
        _ = try h.engineer(id, ["action": "propose", "message": "Restart it."])
        #expect(try shown(h, id)["status"] == 2)
        h.advance(.seconds(90))
        _ = try h.engineer(id, ["action": "complete"])
        let completed = try shown(h, id)
        #expect(completed["status"] == 3)
        #expect(completed["resolve_time"] == 90)
        _ = try h.post(
            "/cases/\(id)/score",
            ["judgement": "great", "incident_satisfaction_list": [["satisfaction_id": 1, "satisfaction_value": 5]]])
        let scored = try shown(h, id)
        #expect(scored["judgement"] == "great")
        #expect(scored["incident_satisfaction"]?[0]?["satisfaction_value"] == 5)
    }

    @Test func engineerStatusChanges() throws {
        let h = Harness()
        let id = try h.createCase()
        try shown(h, id)
        for action: JSON in [
            ["action": "status", "value": 12], ["action": "pause"], ["action": "resume"], ["action": "invalidate"],
        ] {
            _ = try? h.engineer(id, action)
            try shown(h, id)
        }
    }

    @Test func labelsLeaveTheDetailAsItWas() throws {
        let h = Harness()
        let id = try h.createCase()
        let before = try shown(h, id)
        _ = try h.post("/labels", ["name": "urgent", "color": "#ff0000"])
        #expect(try h.post("/cases/\(id)/labels?label_ids=1", [:]).json == [:])
        #expect(try h.get("/cases/\(id)/labels").json["case_label_list"]?.arrayValue?.count == 1)
        #expect(try shown(h, id) == before)
    }

    /// Each language has its own rendering; neither answers for the other.
    @Test func languagesAreKeptApart() throws {
        let h = Harness()
        let id = try h.createCase()
        let chinese = try shown(h, id)
        let english = try shown(h, id, english: true)
        #expect(chinese["business_type_name"] != english["business_type_name"])
        #expect(try shown(h, id) == chinese)
    }

    /// After a reset the new partition's cases start over at the same ids: their answers come
    /// from renderings of the new cases, never the old ones.
    @Test func resetStartsAFreshRendering() throws {
        let h = Harness()
        let old = try h.createCase()
        try shown(h, old)
        h.context.store.reset(namespace: TicketMock.defaultNamespace)
        var body = Harness.observedBody
        body["simple_description"] = "another description"
        let new = try h.createCase(body)
        #expect(new == old)
        #expect(try shown(h, new)["simple_description"] == "another description")
    }
}
