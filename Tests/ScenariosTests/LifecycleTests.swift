import MockCore
import Testing

@testable import Scenarios

@Suite struct LifecycleTests {
    @Test func advancingTheClockFiresDueSteps() throws {
        let h = Harness()
        try h.load(
            """
            lifecycle:
              - on: fake_desk.ticket_created
                after: 2s
                do: {approve: {by: first_processor, result: true}}
            """)
        let id = h.create()
        h.timers.advance(by: .seconds(5))  // the one-shot timer fires, but the mock clock is frozen
        #expect(h.vendor.ticket(id: id, namespace: "default")?["status"] == "OPEN")
        h.context.clock.advance(by: .seconds(1))
        #expect(h.vendor.ticket(id: id, namespace: "default")?["status"] == "OPEN")
        h.context.clock.advance(by: .seconds(1))
        #expect(h.vendor.ticket(id: id, namespace: "default")?["status"] == "APPROVED")
        #expect(h.vendor.ticket(id: id, namespace: "default")?["approved_by"] == "first_processor")
        #expect(h.engine.lifecycle.pendingCount == 0)
    }

    /// Emitters ask `isObserved` before building an event; with no rules loaded the bus answers
    /// without asking the lifecycle (Events.swift).
    @Test func eventsAreObservedOnlyWhileRulesAreLoaded() throws {
        let h = Harness()
        #expect(!h.context.events.isObserved("fake_desk.ticket_created"))
        try h.load("lifecycle: [{on: fake_desk.ticket_created, do: {status: WORKING}}]")
        #expect(h.context.events.isObserved("fake_desk.ticket_created"))
        #expect(!h.context.events.isObserved("fake_desk.status_reached"))
        try h.load("lifecycle: [{on: fake_desk.status_reached, do: {status: CLOSED}}]")  // replaces "test"
        #expect(h.context.events.isObserved("fake_desk.status_reached"))
        h.engine.unloadAll()
        #expect(!h.context.events.isObserved("fake_desk.status_reached"))
    }

    @Test func zeroDelayStepsRunOnATimerNotInline() throws {
        let h = Harness()
        try h.load("lifecycle: [{on: fake_desk.ticket_created, do: {status: WORKING}}]")
        let id = h.create()
        #expect(h.vendor.ticket(id: id, namespace: "default")?["status"] == "OPEN")
        h.timers.advance(by: .zero)
        #expect(h.vendor.ticket(id: id, namespace: "default")?["status"] == "WORKING")
    }

    @Test func whereFiltersAndChainedEvents() throws {
        let h = Harness()
        try h.load(
            """
            lifecycle:
              - {on: fake_desk.ticket_created, where: {title: "*urgent*"}, after: 1s, do: {status: WORKING}}
              - {on: fake_desk.status_reached, where: {status: WORKING}, after: 1m, do: [{message: done}, {status: CLOSED}]}
            """)
        let urgent = h.create("urgent: disk full")
        let calm = h.create("a question")
        h.context.clock.advance(by: .seconds(1))
        #expect(h.vendor.ticket(id: urgent, namespace: "default")?["status"] == "WORKING")
        #expect(h.vendor.ticket(id: calm, namespace: "default")?["status"] == "OPEN")
        h.context.clock.advance(by: .seconds(60))
        #expect(h.vendor.ticket(id: urgent, namespace: "default")?["status"] == "CLOSED")
        #expect(h.vendor.ticket(id: urgent, namespace: "default")?["messages"] == ["done"])
        #expect(h.engine.lifecycle.outcomes.count == 3)
    }

    @Test func failedActionsAreRecordedNotThrown() throws {
        let h = Harness()
        try h.load("lifecycle: [{on: fake_desk.ticket_created, after: 1s, do: approve}]")
        _ = h.create()
        h.context.store.reset()  // the ticket is gone, its step is still pending
        h.context.clock.advance(by: .seconds(1))
        #expect(h.engine.lifecycle.outcomes.last?.error?.contains("unknownTicket") == true)
    }

    @Test func resetDropsPendingSteps() throws {
        let h = Harness()
        try h.load("lifecycle: [{on: fake_desk.ticket_created, after: 1s, do: approve}]")
        _ = h.create(namespace: "a")
        _ = h.create(namespace: "b")
        h.context.reset(namespace: "a")
        #expect(h.engine.lifecycle.pendingCount == 1)
        h.context.reset()
        #expect(h.engine.lifecycle.pendingCount == 0)
    }

    @Test func aSeededRunRepeatsItsIds() throws {
        func run() throws -> [String] {
            let h = Harness()
            try h.load("seed: 7")
            return (1...5).map { _ in h.create() }
        }
        let first = try run()
        #expect(first == (try run()))
        #expect(Set(first).count == 5)
        let h = Harness()
        try h.load("seed: 7")
        let again = (1...5).map { _ in h.create() }
        h.context.reset()
        #expect((1...5).map { _ in h.create() } == again)
        #expect(again == first)
    }
}
