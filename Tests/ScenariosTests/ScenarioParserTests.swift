import MockCore
import Testing

@testable import Scenarios

@Suite struct ScenarioParserTests {
    let catalog = Harness().engine.catalog

    func parse(_ yaml: String, catalog: ScenarioCatalog? = nil) -> Result<Scenario, ScenarioRejected> {
        ScenarioParser.parse(yaml, file: "s.yaml", defaultName: "fallback", catalog: catalog ?? self.catalog)
    }

    func issues(_ yaml: String, catalog: ScenarioCatalog? = nil) -> [ScenarioIssue] {
        if case .failure(let rejected) = parse(yaml, catalog: catalog) { return rejected.issues }
        return []
    }

    @Test func aFullScenarioParses() throws {
        let scenario = try parse(
            """
            name: full
            description: everything
            seed: 7
            clock: {start: "2026-01-05T09:00:00+08:00", frozen: true}
            fake_desk: {apps: [{code: my-app}]}
            lifecycle:
              - on: fake_desk.ticket_created
                where: {title: "*urgent*"}
                after: 2s
                do: {approve: {by: first_processor, result: true}}
            faults:
              - name: flaky
                match: {api: fake_desk.get_status, method: get, path: /fake/*, query: {x: "1"}, headers: {X-A: b}, body: {a.b: 1}}
                when: {calls: [2, 3], every: 2, after_calls: 1, probability: 0.5, window: {from: 1s, until: 1h}, times: 3}
                respond: {error: fake_desk.E100, delay: {lognormal: {median: 800ms, sigma: 0.4, cap: 5s}}}
              - match: {api: "fake_desk.*"}
                fault: {dribble: {chunks: 4, duration: 2s}}
            expect:
              - {api: fake_desk.create_ticket, count: {exactly: 1}}
            """
        ).get()
        #expect(scenario.name == "full")
        #expect(scenario.seed == 7)
        #expect(scenario.clock == ClockSetting(start: Timestamp(iso8601: "2026-01-05T01:00:00Z"), frozen: true))
        #expect(scenario.seeds.map(\.key) == ["fake_desk"])
        #expect(scenario.lifecycle[0].after == .seconds(2))
        #expect(scenario.lifecycle[0].actions == [["action": "approve", "by": "first_processor", "result": true]])
        #expect(scenario.faults[0].match.methods == ["GET"])
        #expect(scenario.faults[0].when.calls == [2, 3])
        #expect(scenario.faults[0].when.window == TimeWindow(from: .relative(.seconds(1)), until: .relative(.seconds(3600))))
        #expect(scenario.faults[0].respond?.delay == .lognormal(median: .milliseconds(800), sigma: 0.4, cap: .seconds(5)))
        #expect(scenario.faults[1].name == "fault-2")
        #expect(scenario.faults[1].connection == .dribble(chunks: 4, duration: .seconds(2)))
        #expect(scenario.expect[0].count == .exactly(1))
    }

    @Test func theNameDefaultsToTheFileName() throws {
        #expect(try parse("description: x").get().name == "fallback")
    }

    @Test func unknownKeysAreErrorsWithLineFieldAndNearestKeys() {
        let found = issues(
            """
            name: x
            sed: 3
            faults:
              - match: {api: fake_desk.get_status, methd: GET}
                respond: {status: 503}
            """)
        #expect(
            found.map(\.description) == [
                "s.yaml:2: sed: unknown key 'sed'; nearest: seed, name, clock",
                "s.yaml:4: faults[0].match.methd: unknown key 'methd'; nearest: method, path, api",
            ])
    }

    @Test func unknownNamesNameTheNearestValidOnes() {
        let found = issues(
            """
            lifecycle:
              - {on: fake_desk.ticket_creatd, do: {approve: {}}}
              - {on: fake_desk.ticket_created, do: {aprove: {}}}
            faults:
              - match: {api: fake_desk.create_tiket}
                respond: {error: fake_desk.E10}
              - match: {api: "nothing.*"}
                fault: resett
            """)
        #expect(
            found.map(\.description) == [
                "s.yaml:2: lifecycle[0].on: unknown event 'fake_desk.ticket_creatd'; nearest: fake_desk.ticket_created, fake_desk.status_reached",
                "s.yaml:3: lifecycle[1].do.aprove: unknown action 'aprove'; nearest: approve, message, status",
                "s.yaml:5: faults[0].match.api: unknown API 'fake_desk.create_tiket'; nearest: fake_desk.create_ticket, fake_desk.get_status, admin.health",
                "s.yaml:6: faults[0].respond.error: unknown error 'fake_desk.E10'; nearest: fake_desk.E100, apig.throttled",
                "s.yaml:7: faults[1].match.api: 'nothing.*' matches no API; nearest: admin.health, fake_desk.get_status, fake_desk.create_ticket",
                "s.yaml:8: faults[1].fault: unknown connection fault 'resett'; nearest: reset, dribble, hang",
            ])
    }

    @Test func valuesAreCheckedWithTheirLines() {
        let found = issues(
            """
            seed: -1
            clock: {start: yesterday, frozen: maybe}
            faults:
              - match: {path: fake}
                when: {calls: [0], every: 0, probability: 1.5}
                respond: {error: fake_desk.E100, status: 200, delay: {uniform: {min: 2s, max: 1s}}}
              - match: {api: fake_desk.get_status}
            expect:
              - {api: fake_desk.get_status, count: {exactly: 1, at_most: 2}}
            """)
        let fields = found.map { "\($0.line) \($0.field)" }
        #expect(
            fields == [
                "1 seed", "2 clock.start", "2 clock.frozen", "4 faults[0].match.path", "5 faults[0].when.calls",
                "5 faults[0].when.every", "5 faults[0].when.probability", "6 faults[0].respond",
                "6 faults[0].respond.delay.uniform", "7 faults[1]", "9 expect[0].count",
            ])
    }

    @Test func jsonFilesKeepTheirLines() {
        let found = issues(
            """
            {
              "name": "j",
              "faults": [
                {"match": {"api": "fake_desk.get_status"},
                 "respond": {"status": "teapot"}}
              ]
            }
            """)
        #expect(
            found.map(\.description) == ["s.yaml:5: faults[0].respond.status: must be an integer from 100 to 599, not teapot"])
    }

    @Test func syntaxErrorsHaveALine() {
        let found = issues("name: x\nfaults: [\n  {match: {api: a}\n")
        #expect(found.count == 1)
        #expect(found.first?.field == "syntax")
        #expect((found.first?.line ?? 0) >= 3)
    }

    @Test func seedErrorsPointAtTheirLine() {
        let found = issues(
            """
            fake_desk:
              apps:
                - code: ok
                - secret: nocode
            """)
        #expect(found.map(\.description) == ["s.yaml:4: fake_desk.apps.1.code: is required"])
    }

    @Test func actionShapesBecomePerformBodies() throws {
        let scenario = try parse(
            """
            lifecycle:
              - on: fake_desk.ticket_created
                do: {status: 1, message: "On it."}
              - on: fake_desk.ticket_created
                do: [approve, {message: {content: done}}]
            """
        ).get()
        #expect(scenario.lifecycle[0].actions == [["action": "status", "value": 1], ["action": "message", "value": "On it."]])
        #expect(scenario.lifecycle[1].actions == [["action": "approve"], ["action": "message", "content": "done"]])
    }

    @Test func unregisteredVendorsAreNamedOrRelaxed() {
        let yaml = """
            bk_itsm: {apps: []}
            lifecycle:
              - {on: bk_itsm.ticket_created, do: {approve: {by: first_processor}}}
            faults:
              - {match: {api: bk_itsm.create_ticket}, respond: {error: esb.1306429}}
              - {match: {api: "huawei_osm.*"}, respond: {error: apig.throttled}}
            """
        let strict = issues(yaml)
        #expect(strict.map(\.line) == [1, 3, 5, 5, 6])
        #expect(strict[1].message.contains("no registered vendor provides 'bk_itsm.*' names"))
        var relaxed = catalog
        relaxed.relaxUnregistered = true
        #expect(issues(yaml, catalog: relaxed).isEmpty)
        #expect(issues("faults: [{match: {api: bk_itsm.x}, respond: {error: nope.1}}]", catalog: relaxed).count == 1)
    }

    /// The shipped examples load (vendor names unverified until the vendor modules are merged).
    @Test func theExampleScenariosCheck() {
        var relaxed = catalog
        relaxed.relaxUnregistered = true
        let directory = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/")) + "/scenarios"
        let report = ScenarioCheck.run(files: ["/" + directory], catalog: relaxed)
        #expect(report.issues.map(\.description) == [])
        #expect(report.passed.count >= 8)
    }
}

@Suite struct DocumentationExampleTests {
    /// Every YAML example in docs/scenarios.md checks (vendor names unverified until the merge).
    @Test func theDocumentedExamplesCheck() throws {
        var catalog = Harness().engine.catalog
        catalog.relaxUnregistered = true
        let path = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/") + "/docs/scenarios.md"
        let text = try #require(FileSystem.read(path))
        let blocks = text.split(separator: "```yaml\n").dropFirst().map {
            String($0.prefix { _ in true }.split(separator: "```")[0])
        }
        #expect(blocks.count >= 10)
        for block in blocks {
            if case .failure(let rejected) = ScenarioParser.parse(block, file: "doc", defaultName: "doc", catalog: catalog) {
                Issue.record("\(rejected)\n\(block)")
            }
        }
    }
}
