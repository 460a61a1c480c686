import MockCore
import Testing
@testable import Scenarios

/// What each shipped example says, as the engine reads it. Exercising them against the real
/// vendors needs the vendor modules (see the lead's list in the merge notes); these checks don't.
@Suite struct ExampleScenarioTests {
    static func example(_ name: String) throws -> Scenario {
        var catalog = Harness().engine.catalog
        catalog.relaxUnregistered = true
        let path = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/") + "/scenarios/\(name).yaml"
        let text = try #require(FileSystem.read(path))
        return try ScenarioParser.parse(text, file: path, defaultName: name, catalog: catalog).get()
    }

    @Test func theDefaultIsHarmless() throws {
        let scenario = try Self.example("default")
        #expect(scenario.faults.isEmpty && scenario.lifecycle.isEmpty && scenario.seeds.isEmpty)
        #expect(scenario.clock == nil && scenario.seed == nil)
    }

    @Test func approvalAfterTwoSeconds() throws {
        let scenario = try Self.example("approval-after-2s")
        #expect(scenario.seed == 7)
        #expect(scenario.lifecycle.map(\.event) == ["bk_itsm.ticket_created"])
        #expect(scenario.lifecycle[0].after == .seconds(2))
        #expect(
            scenario.lifecycle[0].actions == [
                ["action": "approve", "by": "first_processor", "result": true, "remark": "Looks good."]
            ])
        #expect(scenario.seeds.map(\.key) == ["bk_itsm"])
    }

    @Test func rejectionWithCallback() throws {
        let rule = try #require(try Self.example("rejection-with-callback").lifecycle.first)
        #expect(rule.filter.matches(["title": "please reject this"]))
        #expect(!rule.filter.matches(["title": "approve me"]))
        #expect(rule.actions.first?["result"] == false)
    }

    @Test func flakyStatusPolling() throws {
        let faults = try Self.example("flaky-status-polling").faults
        #expect(faults.map(\.when.calls) == [[2, 3], nil, nil])
        #expect(faults[1].when.every == 5 && faults[1].when.afterCalls == 3)
        #expect(faults[2].when.probability == 0.05)
        #expect(faults[2].respond?.delay == .fixed(.milliseconds(1500)))
        #expect(faults.compactMap(\.respond?.error) == ["bk_itsm.3900004", "esb.1306429"])
    }

    @Test func slowAndThrottledHuawei() throws {
        let faults = try Self.example("slow-throttled-huawei").faults
        #expect(faults[0].respond?.delay == .lognormal(median: .milliseconds(800), sigma: 0.4, cap: .seconds(5)))
        #expect(faults[1].respond?.delay == .uniform(min: .milliseconds(100), max: .milliseconds(300)))
        #expect(faults[2].when.times == 20)
        #expect(faults[2].when.window == TimeWindow(from: .relative(.zero), until: .relative(.seconds(600))))
        #expect(faults[2].respond?.error == "apig.throttled")
    }

    @Test func cocIssueAcceptedAndResolved() throws {
        let scenario = try Self.example("coc-issue-accepted-resolved")
        #expect(scenario.clock?.frozen == true)
        #expect(scenario.lifecycle.map(\.after) == [.seconds(5), .seconds(30)])
        // Issue tickets only; their status comes from the event's details (the ticket JSON has none).
        #expect(scenario.lifecycle[0].filter.matches(["ticket_type": "issues_mgmt"]))
        #expect(!scenario.lifecycle[0].filter.matches(["ticket_type": "change"]))
        #expect(scenario.lifecycle[1].filter.matches(["ticket_type": "issues_mgmt"], fallback: ["status": "HANDLING"]))
        #expect(!scenario.lifecycle[1].filter.matches(["ticket_type": "issues_mgmt"], fallback: ["status": "UNACCEPTED"]))
        #expect(scenario.lifecycle.map { $0.actions.map { $0["action"] } } == [["accept"], ["resolve"]])
    }

    @Test func osmCaseWorkedToCompletion() throws {
        let rules = try Self.example("osm-case-completed").lifecycle
        #expect(
            rules[0].actions == [["action": "status", "value": 1], ["action": "message", "value": "We are looking into it."]])
        #expect(rules[1].actions.map { $0["action"] } == ["message", "status"])
        #expect(rules[2].actions == [["action": "complete"]])
        #expect(rules.map(\.after) == [.seconds(10), .seconds(60), .seconds(300)])
    }

    @Test func connectionFaults() throws {
        let faults = try Self.example("connection-faults").faults
        #expect(
            faults.map(\.connection) == [
                .reset, .emptyResponse, .garbage, .truncated, .dribble(chunks: 4, duration: .seconds(2)), .hang,
            ])
    }
}
