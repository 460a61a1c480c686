import MockCore
import Testing

@testable import Scenarios

@Suite struct ScenarioEngineTests {
    @Test func aRefusedScenarioChangesNothing() throws {
        let h = Harness()
        try h.load("name: s\nfaults: [{match: {api: fake_desk.get_status}, respond: {status: 503}}]")
        #expect(throws: ScenarioRejected.self) {
            try h.load("name: s\nfaults: [{match: {api: fake_desk.get_status}, respond: {status: 999}}]")
        }
        #expect(h.send("GET", "/fake/tickets/x/status").status == 503)
        #expect(h.engine.scenarios.map(\.scenario.name) == ["s"])
    }

    @Test func loadingReplacesByNameAndUnloadingRemoves() throws {
        let h = Harness()
        try h.load("name: s\nfaults: [{match: {api: fake_desk.get_status}, respond: {status: 503}}]")
        try h.load("name: s\nfaults: [{match: {api: fake_desk.get_status}, respond: {status: 502}}]")
        try h.load("name: t\nfake_desk: {apps: [{code: one}]}")
        #expect(h.send("GET", "/fake/tickets/x/status").status == 502)
        #expect(h.vendor.seeds.withLock { $0 } == [["apps": [["code": "one"]]]])
        #expect(h.engine.unload("s"))
        #expect(!h.engine.unload("s"))
        #expect(h.send("GET", "/fake/tickets/x/status").status == 404)
        h.engine.unloadAll()
        #expect(h.vendor.seeds.withLock { $0 }.isEmpty)
    }

    @Test func theClockAndSeedApplyAndReapplyOnReset() throws {
        let h = Harness()
        try h.load("seed: 3\nclock: {start: \"2030-01-01T00:00:00Z\", frozen: true}")
        #expect(h.context.clock.now() == Timestamp(iso8601: "2030-01-01T00:00:00Z"))
        #expect(h.context.ids.seed == 3)
        h.context.clock.advance(by: .seconds(3600))
        h.context.ids.reseed(4)
        h.context.reset()
        #expect(h.context.clock.now() == Timestamp(iso8601: "2030-01-01T00:00:00Z"))
        #expect(h.context.ids.seed == 3)
    }
}
