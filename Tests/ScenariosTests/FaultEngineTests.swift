import MockCore
import Testing

@testable import Scenarios

@Suite struct FaultEngineTests {
    @Test func aNamedErrorAnswersOnTheGivenCalls() throws {
        let h = Harness()
        try h.load(
            """
            faults:
              - {name: busy, match: {api: fake_desk.create_ticket}, when: {calls: [2, 3]}, respond: {error: fake_desk.E100}}
            """)
        let answers = (1...4).map { _ in h.send("POST", "/fake/tickets", json: ["title": "x"]).json["result"] }
        #expect(answers == [true, false, false, true])
        #expect(h.vendor.tickets(namespace: "default").count == 2)
        #expect(h.engine.faults.firedCounts == ["test/busy": 2])
    }

    @Test func anyStatusHeadersBodyAndDelay() throws {
        let h = Harness()
        try h.load(
            """
            faults:
              - match: {api: fake_desk.get_status}
                respond: {status: 503, headers: {Retry-After: 7}, body: {down: true}, delay: 250ms}
              - match: {api: fake_desk.create_ticket, body: {title: slow}}
                respond: {delay: {uniform: {min: 1s, max: 1s}}}
            """)
        let status = h.send("GET", "/fake/tickets/nope/status")
        #expect(status.status == 503)
        #expect(status.headers["Retry-After"] == "7")
        #expect(status.json == ["down": true])
        #expect(status.delay == .milliseconds(250))
        let slow = h.send("POST", "/fake/tickets", json: ["title": "slow"])
        #expect(slow.json["result"] == true)
        #expect(slow.delay == .seconds(1))
        #expect(h.send("POST", "/fake/tickets", json: ["title": "fast"]).delay == nil)
    }

    @Test func connectionFaultsAreHandedToTheTransport() throws {
        let h = Harness()
        try h.load(
            """
            faults:
              - {match: {api: fake_desk.create_ticket}, when: {calls: [1]}, fault: reset}
              - {match: {api: fake_desk.create_ticket}, when: {calls: [2]}, fault: connection_reset}
              - {match: {api: fake_desk.create_ticket}, when: {calls: [3]}, fault: empty_response}
              - {match: {api: fake_desk.create_ticket}, when: {calls: [4]}, fault: garbage}
              - {match: {api: fake_desk.create_ticket}, when: {calls: [5]}, fault: truncated}
              - {match: {api: fake_desk.create_ticket}, when: {calls: [6]}, fault: {dribble: {chunks: 3, duration: 1s}}}
              - {match: {api: fake_desk.create_ticket}, when: {calls: [7]}, fault: hang}
            """)
        let faults = (1...8).map { _ in h.send("POST", "/fake/tickets", json: [:]).fault }
        #expect(
            faults == [
                .reset, .reset, .emptyResponse, .garbage, .truncated, .dribble(chunks: 3, duration: .seconds(1)), .hang, nil,
            ])
    }

    @Test func namespacesCountApartAndResetStartsOver() throws {
        let h = Harness()
        try h.load("faults: [{match: {api: fake_desk.create_ticket}, when: {calls: [1]}, respond: {error: fake_desk.E100}}]")
        #expect(h.send("POST", "/fake/tickets", json: [:], namespace: "a").json["result"] == false)
        #expect(h.send("POST", "/fake/tickets", json: [:], namespace: "a").json["result"] == true)
        #expect(h.send("POST", "/fake/tickets", json: [:], namespace: "b").json["result"] == false)
        h.context.reset(namespace: "a")
        #expect(h.send("POST", "/fake/tickets", json: [:], namespace: "a").json["result"] == false)
        #expect(h.send("POST", "/fake/tickets", json: [:], namespace: "b").json["result"] == true)
    }

    @Test func adminRoutesAreFaultedOnlyWhenNamed() throws {
        let h = Harness()
        try h.load("faults: [{match: {api: \"*\"}, respond: {status: 500}}]")
        #expect(h.send("GET", "/_mock/health").status == 200)
        try h.load("name: admin\nfaults: [{match: {api: admin.health}, respond: {status: 418}}]")
        #expect(h.send("GET", "/_mock/health").status == 418)
    }

    @Test func seededProbabilisticFaultsRepeat() throws {
        func run() throws -> [Bool] {
            let h = Harness(seed: 99)
            try h.load(
                "faults: [{match: {api: fake_desk.create_ticket}, when: {probability: 0.5}, respond: {error: fake_desk.E100}}]")
            return (1...40).map { _ in h.send("POST", "/fake/tickets", json: [:]).json["result"] == true }
        }
        let first = try run()
        #expect(first == (try run()))
        #expect(first.contains(true) && first.contains(false))
    }

    @Test func aTimeWindowFollowsTheMockClock() throws {
        let h = Harness()
        try h.load(
            "faults: [{match: {api: fake_desk.get_status}, when: {window: {from: 1m, until: 2m}}, respond: {status: 503}}]")
        #expect(h.send("GET", "/fake/tickets/x/status").status == 404)
        h.context.clock.advance(by: .seconds(61))
        #expect(h.send("GET", "/fake/tickets/x/status").status == 503)
        h.context.clock.advance(by: .seconds(60))
        #expect(h.send("GET", "/fake/tickets/x/status").status == 404)
    }
}
