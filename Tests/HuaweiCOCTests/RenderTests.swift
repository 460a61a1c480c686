import MockCore
import Testing

@testable import HuaweiCOC

/// The detail (huawei-coc.md §6.2) is streamed for show and built as a tree for filters and the
/// admin API, from one layout: both forms must agree byte for byte, updates included.
@Suite struct RenderTests {
    let h = COCHarness()

    func stored(_ ticketId: String) -> Ticket {
        h.coc.service.model.ticket(ticketId, namespace: "default")!
    }

    func streamed(_ ticket: Ticket) -> [UInt8] {
        var out = JSONStream()
        ticket.writeDetail(into: &out)
        return out.bytes
    }

    @Test func showAnswersTheStreamedDetail() throws {
        let id = try h.create()["ticket_id"]!.stringValue!
        let ticket = stored(id)
        #expect(streamed(ticket) == JSONWriter.bytes(ticket.detail))
        let shown = try h.get("/v1/change/tickets/\(id)")
        #expect(shown.json["data"] == ticket.detail)
        #expect(shown.json["error_code"] == "GOM.00000000")
        #expect(shown.json["data"]?["properties"]?["_form_info"] == shown.json["data"]?["_form_info"])
        #expect(shown.json["data"]?["_form_info"]?["sub_tickets"] == shown.json["data"]?["sub_tickets"])
    }

    // Updates replace a member in place, come after the fields when new (the last of a name
    // wins), and `creator` only renames the creator.
    @Test func updatesKeepTheirPlaces() throws {
        let id = try h.create("issues_mgmt", Bodies.issue)["ticket_id"]!.stringValue!
        var ticket = stored(id)
        let plain = ticket.detail.objectValue!
        ticket.updates = [("title", .string("T2")), ("extra", .int(1)), ("creator", .string("c2")), ("extra", .int(2))]
        ticket.updates.append(("is_common_issue", .bool(true)))
        #expect(streamed(ticket) == JSONWriter.bytes(ticket.detail))
        let updated = ticket.detail.objectValue!
        #expect(updated.keys.firstIndex(of: "title") == plain.keys.firstIndex(of: "title"))
        #expect(updated["title"] == "T2")
        #expect(updated.keys.filter { $0 == "extra" }.count == 1)
        #expect(updated["extra"] == 2)
        #expect(updated.keys.firstIndex(of: "extra")! < updated.keys.firstIndex(of: "regions_serch")!)
        #expect(updated["creator"] == "c2")
        #expect(updated.keys.filter { $0 == "is_common_issue" }.count == 1)
        #expect(updated["is_common_issue"] == true)
    }

    @Test func subTicketsAndEnumerationsMatchTheirTrees() throws {
        let id = try h.create()["ticket_id"]!.stringValue!
        let ticket = stored(id)
        let detail = ticket.detail
        #expect(detail["sub_tickets"] == .array(ticket.subTicketsJSON))
        #expect(detail["enum_data_list"] == .array(ticket.enumDataList))
        #expect(ticket.subTicketsJSON.first?["id"]?.stringValue == ticket.subTicketId(0))
    }
}
