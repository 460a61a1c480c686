import MockCore
import Testing
@testable import Scenarios

@Suite struct JournalTests {
    @Test func theRingKeepsTheNewest() {
        let h = Harness(journalSize: 3)
        for index in 1...5 { _ = h.send("POST", "/fake/tickets", json: ["title": .string("t\(index)")]) }
        let entries = h.engine.journal.entries()
        #expect(entries.map(\.id) == [3, 4, 5])
        #expect(entries.last?.json["body"] == ["title": "t5"])
        #expect(entries.last?.json["api"] == "fake_desk.create_ticket")
        #expect(h.engine.journal.requestCounts["fake_desk.create_ticket"]?[200] == 5)
    }

    @Test func namespacesAndClearing() {
        let h = Harness()
        _ = h.send("POST", "/fake/tickets", json: [:], namespace: "a")
        _ = h.send("POST", "/fake/tickets", json: [:], namespace: "b")
        _ = h.send("GET", "/fake/tickets/x/status", namespace: "a")
        _ = h.send("GET", "/_mock/health")
        #expect(h.engine.journal.entries(namespace: "a").map(\.facts.api) == ["fake_desk.create_ticket", "fake_desk.get_status"])
        #expect(h.engine.journal.entries().count == 3)  // admin calls are not journaled
        h.context.reset(namespace: "a")
        #expect(h.engine.journal.entries().map(\.namespace) == ["b"])
        h.context.reset()
        #expect(h.engine.journal.entries().isEmpty)
    }

    @Test func faultedAnswersAreJournaledAsSent() throws {
        let h = Harness()
        try h.load("faults: [{match: {api: fake_desk.get_status}, respond: {status: 503, delay: 2s}, fault: truncated}]")
        _ = h.send("GET", "/fake/tickets/x/status?verbose=1")
        let entry = try #require(h.engine.journal.entries().first)
        #expect(entry.status == 503)
        #expect(entry.fault == "truncated")
        #expect(entry.durationMs >= 2000)
        #expect(entry.json["query"] == ["verbose": "1"])
    }
}

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
        #expect(failed.closest.map(\.mismatches) == [
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
        let bad = Verification.expectation(from: ["api": "fake_desk.create_tiket", "count": ["exactly": 1]], catalog: h.engine.catalog)
        guard case .failure(let rejected) = bad else { Issue.record("accepted"); return }
        #expect(rejected.issues.first?.message.contains("nearest: fake_desk.create_ticket") == true)
    }
}
