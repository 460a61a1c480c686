import MockCore
import Testing

@testable import Scenarios

@Suite struct MatchingTests {
    let facts = RequestFacts(
        api: "bk_itsm.get_ticket_status", method: "GET", path: "/api/c/compapi/v2/itsm/get_ticket_status/",
        query: [("sn", "NO2024"), ("page", "2")], headers: ["X-Tenant": "acme"],
        body: Array(#"{"fields":[{"key":"title","value":"Disk full"}],"meta":{"priority":3}}"#.utf8))

    @Test func everyConditionIsChecked() {
        var matcher = RequestMatcher()
        #expect(matcher.matches(facts))
        matcher.apis = ["bk_itsm.*"]
        matcher.methods = ["GET", "POST"]
        matcher.path = "*/get_ticket_status/"
        matcher.query = [("sn", "NO*"), ("page", 2)]
        matcher.headers = [("x-tenant", "acme")]
        matcher.body = FieldFilter(fields: [("fields.0.value", "Disk*"), ("meta.priority", [1, 3])])
        #expect(matcher.matches(facts))
        matcher.body = FieldFilter(fields: [("meta.missing", nil)])
        #expect(matcher.matches(facts))
        matcher.query = [("absent", "*")]
        #expect(!matcher.matches(facts))
    }

    @Test func mismatchesSayWhatDiffered() {
        var matcher = RequestMatcher()
        matcher.apis = ["bk_itsm.create_ticket"]
        matcher.methods = ["POST"]
        matcher.body = FieldFilter(fields: [("meta.priority", 1)])
        #expect(
            matcher.mismatches(facts) == [
                "api: expected bk_itsm.create_ticket, was bk_itsm.get_ticket_status",
                "method: expected POST, was GET",
                "body.meta.priority: expected 1, was 3",
            ])
        #expect(matcher.mismatches(facts, stopAtFirst: true).count == 1)
    }

    @Test func filtersFallBackToEventDetails() {
        let filter = FieldFilter(fields: [("status", "HANDLING"), ("title", "*gateway*")])
        #expect(filter.matches(["title": "The gateway is down"], fallback: ["status": "HANDLING"]))
        #expect(!filter.matches(["title": "The gateway is down"], fallback: ["status": "SOLVED"]))
        #expect(FieldFilter(fields: [("status", 1)]).matches(["status": "1"]))
    }
}
