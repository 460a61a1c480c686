import MockCore
import Testing
@testable import HuaweiOSM

/// The support engineer's side through `perform` (huawei-osm.md §7, mock control), with events.
@Suite struct EngineerDeskTests {
    @Test func fullLifecycle() throws {
        let h = Harness()
        let id = try h.createCase()
        let accepted = try h.engineer(id, ["action": "accept", "message": "Looking into it."])
        #expect(accepted["status"] == 1)
        #expect(try h.status(id) == 1)
        _ = try h.engineer(id, ["action": "reply", "message": "Which instance?"])
        #expect(try h.status(id) == 17)
        _ = try h.post("/cases/\(id)/message", ["message": ["content": "i-123"]])
        _ = try h.engineer(id, ["action": "propose", "message": "Restart it.", "resolution": "restart", "root_cause": "kernel"])
        #expect(try h.status(id) == 2)
        _ = try h.engineer(id, ["action": "complete"])
        #expect(try h.status(id) == 3)
        let messages = try h.get("/cases/\(id)/messages").json["message_list"]?.arrayValue ?? []
        #expect(messages.map { $0["type"] } == [0, 1, 1, 0, 1])
        #expect(messages[1]["replier_name"] == "华为云技术支持")
        let listed = try h.get("/cases").json["incident_info_list"]?[0]
        #expect(listed?["resolution"] == "restart")
        #expect(listed?["root_cause"] == "kernel")
        #expect(listed?["confirmed_time"] == "2026-01-05T09:00:00Z")
        let statuses = h.events.filter { $0.name == "huawei_osm.status_reached" }.compactMap { $0.details["status"]?.intValue }
        #expect(statuses == [1, 17, 1, 2, 3])
        #expect(h.events.filter { $0.name == "huawei_osm.message_added" }.count == 4)
        #expect(h.events.first?.ticket["business_type_id"] == "bt-1")
    }

    @Test func statusActionAndScalarForm() throws {  // brief: {"action":"status","value":1}
        let h = Harness()
        let id = try h.createCase()
        _ = try h.engineer(id, ["action": "message", "value": "We are looking into it."])
        #expect(try h.status(id) == 0)
        #expect(try h.get("/cases/\(id)/messages").json["message_list"]?[1]?["content"] == "We are looking into it.")
        #expect(try h.engineer(id, ["action": "status", "value": 12])["status"] == 12)
        #expect(try h.engineer(id, ["action": "status", "value": 5])["status"] == 5)
        _ = try h.engineer(id, ["action": "resume"])
        #expect(try h.status(id) == 1)
    }

    @Test func errors() throws {
        let h = Harness()
        let id = try h.createCase()
        #expect(throws: ActionError.self) { try h.engineer("CS20990101000001", ["action": "accept"]) }
        #expect(kind { try h.engineer(id, ["action": "fly"]) } == .unknownAction)
        _ = try h.engineer(id, ["action": "complete"])
        #expect(kind { try h.engineer(id, ["action": "accept"]) } == .notAllowed)
        #expect(kind { try h.engineer("CS20990101000001", ["action": "accept"]) } == .unknownTicket)
        for action: JSON in [
            ["action": "reply"], ["action": "status", "value": 6], ["action": 1], ["action": "reply", "message": 3],
        ] {
            #expect(throws: ActionError.self) { try h.engineer(id, action) }
        }
        #expect(try h.status(id) == 3)
    }

    func kind(_ body: () throws -> JSON) -> ActionError.Kind? {
        do {
            _ = try body()
            return nil
        } catch let error as ActionError {
            return error.kind
        } catch {
            return nil
        }
    }

    @Test func adminListing() throws {
        let h = Harness()
        let id = try h.createCase()
        #expect(h.osm.tickets(namespace: "default").first?["incident_id"] == .string(id))
        #expect(h.osm.ticket(id: id, namespace: "default")?["vendor"] == "huawei_osm")
        #expect(h.osm.ticket(id: id, namespace: "other") == nil)
        #expect(h.osm.actionNames.contains("accept"))
        #expect(h.osm.errorCatalog["huawei_osm.OSM.01010004"]?(Request(method: "GET", uri: "/")).body == Expect.pressed.jsonBytes)
        #expect(h.osm.errorCatalog["apig.throttled"]?(Request(method: "GET", uri: "/")).status == 429)
        #expect(h.osm.errorCatalog["huawei_osm.OSM.0004"]?(Request(method: "GET", uri: "/")).status == 500)
    }
}
