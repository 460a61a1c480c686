import MockCore
import Testing
@testable import HuaweiOSM

/// `POST …/action?action_id=` with its preconditions (huawei-osm.md §6, §7).
@Suite struct CaseActionTests {
    @Test func cancel() throws {
        let h = Harness()
        let id = try h.createCase()
        #expect(try h.act(id, "cancel").json == [:])
        #expect(try h.status(id) == 4)
        #expect(try h.act(id, "cancel").json == Expect.operationFailed)
        #expect(try h.act(id, "close").json == Expect.operationFailed)
        #expect(try h.act(id, "press").json == Expect.operationFailed)
        #expect(try h.status(id) == 4)
        #expect(h.events.last?.name == "huawei_osm.status_reached")
        #expect(h.events.last?.details == ["status": 4])
    }

    @Test func closeStoresJudgementAndSatisfaction() throws {
        let h = Harness()
        let id = try h.createCase()
        let body: JSON = [
            "judgement": "solved quickly", "operate_desc": "done",
            "incident_satisfaction_list": [["satisfaction_id": 1, "satisfaction_value": 5]],
        ]
        #expect(try h.act(id, "close", body).json == [:])
        let info = try h.get("/cases/\(id)").json["incident_detail_info"]
        #expect(info?["status"] == 3)
        #expect(info?["judgement"] == "solved quickly")
        #expect(info?["incident_satisfaction"]?[0]?["satisfaction_value"] == 5)
    }

    @Test func pressIsRateLimited() throws {  // §6: OSM.01010004, §10: 30 minutes
        let h = Harness()
        let id = try h.createCase()
        #expect(try h.act(id, "press").json == [:])
        #expect(try h.act(id, "press").json == Expect.pressed)
        h.advance(.seconds(29 * 60))
        #expect(try h.act(id, "press").json == Expect.pressed)
        h.advance(.seconds(61))
        #expect(try h.act(id, "press").json == [:])
        #expect(try h.status(id) == 0)
    }

    @Test func deleteOnlyFinishedCases() throws {
        let h = Harness()
        let id = try h.createCase()
        #expect(try h.act(id, "delete").json == Expect.operationFailed)
        _ = try h.act(id, "cancel")
        #expect(try h.act(id, "delete").json == [:])
        #expect(try h.get("/cases/\(id)").json == Expect.notFound)
        #expect(try h.act(id, "delete").json == Expect.notFound)
        #expect(try h.get("/cases").json["total_count"] == 0)
    }

    @Test func unknownOperation() throws {  // §6: OSM.01010013
        let h = Harness()
        let id = try h.createCase()
        for action in ["reopen", "", "CANCEL"] {
            #expect(try h.act(id, action).json == Expect.unknownOperation)
        }
        #expect(try h.post("/cases/\(id)/action", [:]).json == Expect.unknownOperation)
        #expect(try h.status(id) == 0)
    }

    @Test func badBodies() throws {
        let h = Harness()
        let id = try h.createCase()
        #expect(try h.post("/cases/\(id)/action?action_id=close", raw: "{oops").json == Expect.invalidParam)
        #expect(try h.act(id, "close", ["judgement": 5]).json == Expect.invalidParam)
        #expect(
            try h.act(id, "close", ["incident_satisfaction_list": [["satisfaction_id": 9, "satisfaction_value": 5]]]).json
                == Expect.invalidParam)
        #expect(try h.status(id) == 0)
        // The SDK's empty-body form: no body at all.
        #expect(
            try h.client.post("/v2/servicerequest/cases/\(id)/action?action_id=cancel", body: [], headers: Harness.signed).json
                == [:])
    }
}
