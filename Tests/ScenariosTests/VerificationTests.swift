import MockCore
import Testing

@testable import Scenarios

@Suite struct VerificationTests {
    @Test func countsAndClosestMisses() throws {
        let h = Harness()
        _ = h.send("POST", "/fake/tickets", json: ["title": "a"])
        _ = h.send("POST", "/fake/tickets", json: ["title": "b"])
        _ = h.send("GET", "/fake/tickets/x/status")
        var matcher = RequestMatcher()
        matcher.apis = ["fake_desk.create_ticket"]
        let entries = h.engine.journal.entries()
        #expect(Verification.verify(matcher, .exactly(2), in: entries).ok)
        #expect(Verification.verify(matcher, .atLeast(1), in: entries).ok)
        #expect(!Verification.verify(matcher, .atMost(1), in: entries).ok)
        matcher.body = FieldFilter(fields: [("title", "c")])
        let failed = Verification.verify(matcher, .atLeast(1), in: entries)
        #expect(!failed.ok)
        #expect(failed.count == 0)
        #expect(
            failed.closest.map(\.mismatches) == [
                [#"body.title: expected "c", was "b""#], [#"body.title: expected "c", was "a""#],
                ["api: expected fake_desk.create_ticket, was fake_desk.get_status", "body.title: expected \"c\", was absent"],
            ])
    }

    @Test func aScenarioExpectListIsChecked() throws {
        let h = Harness()
        try h.load(
            """
            expect:
              - {api: fake_desk.create_ticket, count: {exactly: 1}}
              - {api: fake_desk.get_status}
            """)
        _ = h.send("POST", "/fake/tickets", json: [:], namespace: "n")
        let partial = try #require(h.engine.verifyExpectations(scenario: nil, namespace: "n"))
        #expect(!partial.ok)
        #expect(partial.results.map { $0["ok"] } == [true, false])
        _ = h.send("GET", "/fake/tickets/x/status", namespace: "n")
        #expect(h.engine.verifyExpectations(scenario: "test", namespace: "n")?.ok == true)
        #expect(h.engine.verifyExpectations(scenario: "test", namespace: "other")?.ok == false)
        #expect(h.engine.verifyExpectations(scenario: "missing", namespace: nil) == nil)
    }

    @Test func verifyBodiesAreCheckedLikeScenarios() {
        let h = Harness()
        let bad = Verification.expectation(
            from: ["api": "fake_desk.create_tiket", "count": ["exactly": 1]], catalog: h.engine.catalog)
        guard case .failure(let rejected) = bad else {
            Issue.record("accepted")
            return
        }
        #expect(rejected.issues.first?.message.contains("nearest: fake_desk.create_ticket") == true)
    }
}
