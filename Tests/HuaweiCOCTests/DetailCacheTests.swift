import MockCore
import Testing

@testable import HuaweiCOC

/// The detail answer (huawei-coc.md §6.2) is rendered once per ticket version: every change makes
/// a new version, so a show after an action never answers the old bytes.
@Suite struct DetailCacheTests {
    @Test func showAfterEachChangeAnswersTheChangedTicket() throws {
        let h = COCHarness()
        let id = try h.create("issues_mgmt", Bodies.with(Bodies.issue, "is_start_process", true))["ticket_id"]!.stringValue!
        let model = COCModel(context: h.context)
        func shown() throws -> JSON { try #require(h.get("/v1/issues_mgmt/tickets/\(id)").json["data"]) }
        let first = try shown()
        #expect(try shown() == first)
        #expect(first == model.ticket(id, namespace: TicketMock.defaultNamespace)?.detail)
        #expect(try h.action("issues_mgmt", id, "gocm_issues_accepte").status == 200)
        let accepted = try shown()
        #expect(accepted != first)
        #expect(accepted["work_flow_status"] == "HANDLING")
        #expect(accepted == model.ticket(id, namespace: TicketMock.defaultNamespace)?.detail)
        // A rejected action changes nothing, so the same version (and answer) stands.
        _ = try h.action("issues_mgmt", id, "agreed", ["conclusion": "yes"])
        #expect(try shown() == accepted)
    }

    /// After a reset the namespace's new tickets start over at the same serials: their answers
    /// come from the new partition's renderings, never the old ones.
    @Test func resetStartsAFreshRendering() throws {
        let h = COCHarness()
        let old = try h.create("change", Bodies.change)["ticket_id"]!.stringValue!
        _ = try h.get("/v1/change/tickets/\(old)")
        h.context.store.reset(namespace: TicketMock.defaultNamespace)
        let new = try h.create("change", Bodies.with(Bodies.change, "title", "another title"))["ticket_id"]!.stringValue!
        #expect(try h.get("/v1/change/tickets/\(new)").json["data"]?["title"] == "another title")
    }
}
