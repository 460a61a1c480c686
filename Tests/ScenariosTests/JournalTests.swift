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

    @Test func recordsFromManyThreadsKeepTheNewestInOrderAndCountEvery() async {
        let journal = Journal(capacity: 21)  // not a multiple of the shard count
        let time = Timestamp(iso8601: "2026-01-05T09:00:00Z")!
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for index in 0..<50 {
                        let request = Request(method: "GET", uri: "/w/\(worker)/\(index)")
                        journal.record(request, api: "a.b", status: 200, durationMs: 1, fault: nil, time: time)
                    }
                }
            }
        }
        #expect(journal.entries().map(\.id) == Array(180...200))
        #expect(journal.requestCounts["a.b"]?[200] == 200)
        journal.clear()
        #expect(journal.entries().isEmpty)
        #expect(journal.requestCounts.isEmpty)
    }

    @Test func countsByRouterIndexAgreeWithCountsByName() {
        let journal = Journal(capacity: 0)  // counting goes on without a ring
        let time = Timestamp(milliseconds: 0)
        let request = Request(method: "GET", uri: "/")
        for (api, index, status) in [("a.b", 2, 200), ("a.b", nil, 200), ("a.b", 2, 404), ("c.d", 0, 200)] {
            journal.record(request, api: api, apiIndex: index, status: status, durationMs: 0, fault: nil, time: time)
        }
        // Another router numbered its APIs differently: the same index, another name.
        journal.record(request, api: "e.f", apiIndex: 2, status: 500, durationMs: 0, fault: nil, time: time)
        journal.record(request, api: "e.f", apiIndex: 2, status: 500, durationMs: 0, fault: nil, time: time)
        #expect(journal.requestCounts == ["a.b": [200: 2, 404: 1], "c.d": [200: 1], "e.f": [500: 2]])
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
