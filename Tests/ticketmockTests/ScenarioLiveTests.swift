import MockCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Scenario files against the real binary, observed from real client sockets. Until the vendor
/// modules are merged the faults target `admin.health`, the one route every build has.
@Suite(.serialized) struct ScenarioLiveTests {
    static func file(_ text: String, name: String = "scenario.yaml") -> String {
        var template = Array("/tmp/ticketmock-scenario-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template))
        let path = directory + "/" + name
        write(path, text)
        return path
    }

    static func write(_ path: String, _ text: String) {
        let handle = fopen(path, "w")
        fputs(text, handle)
        fclose(handle)
    }

    static func seconds(_ work: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try work()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func eachConnectionFaultAsAClientSeesIt() throws {
        let path = Self.file(
            """
            name: faults
            faults:
              - {match: {api: admin.health}, when: {calls: [1]}, fault: reset}
              - {match: {api: admin.health}, when: {calls: [2]}, fault: empty_response}
              - {match: {api: admin.health}, when: {calls: [3]}, fault: garbage}
              - {match: {api: admin.health}, when: {calls: [4]}, fault: truncated}
              - {match: {api: admin.health}, when: {calls: [5]}, fault: {dribble: {chunks: 4, duration: 1s}}}
              - {match: {api: admin.health}, when: {calls: [6]}, fault: hang}
              - {match: {api: admin.health}, when: {calls: [7]}, respond: {delay: 600ms}}
            """)
        let server = try ServerProcess.start(["--scenario", path])
        let client = BlockingHTTPClient(port: server.port, timeout: .seconds(5))
        let request = Array("GET /_mock/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)

        #expect(throws: BlockingHTTPClient.Failure.reset) { try client.send("GET", "/_mock/health") }
        #expect(throws: BlockingHTTPClient.Failure.closed(received: [])) { try client.send("GET", "/_mock/health") }
        let garbage = try client.roundTrip(request)
        #expect(!garbage.isEmpty && !garbage.starts(with: Array("HTTP/".utf8)))
        let truncated = try client.roundTrip(request)
        #expect(truncated.starts(with: Array("HTTP/1.1 200".utf8)))
        #expect(throws: BlockingHTTPClient.Failure.self) { try BlockingHTTPClient.parse(truncated) }
        var dribbled: BlockingHTTPClient.Answer?
        let dribbleTime = try Self.seconds { dribbled = try client.send("GET", "/_mock/health") }
        #expect(dribbled?.status == 200)
        #expect(dribbled?.bodyText.contains("\"status\":\"ok\"") == true)
        #expect(dribbleTime >= 0.9 && dribbleTime < 4)
        let impatient = BlockingHTTPClient(port: server.port, timeout: .seconds(1))
        let hangTime = Self.seconds {
            #expect(throws: BlockingHTTPClient.Failure.timeout) { try impatient.send("GET", "/_mock/health") }
        }
        #expect(hangTime >= 0.9)
        var delayed: BlockingHTTPClient.Answer?
        let delayTime = try Self.seconds { delayed = try client.send("GET", "/_mock/health") }
        #expect(delayed?.status == 200)
        #expect(delayTime >= 0.55)
        #expect(try client.send("GET", "/_mock/health").status == 200)
        #expect(server.stop() == 0)
    }

    @Test func aWatchedFileIsReloadedAndABrokenOneRefused() throws {
        let path = Self.file("name: live\nfaults: [{match: {api: admin.health}, respond: {status: 503}}]\n")
        let server = try ServerProcess.start(["--scenario", path, "--watch"])
        let client = BlockingHTTPClient(port: server.port)
        #expect(try client.send("GET", "/_mock/health").status == 503)
        Self.write(path, "name: live\nfaults: [{match: {api: admin.health}, respond: {status: 418}}]  # changed\n")
        var status = 0
        for _ in 0..<60 {
            status = try client.send("GET", "/_mock/health").status
            if status == 418 { break }
            usleep(100_000)
        }
        #expect(status == 418)
        Self.write(path, "name: live\nfaults: [{match: {api: admin.helth}, respond: {status: 500}}]  # broken\n")
        for _ in 0..<60 where !server.log.contains("refused") { usleep(100_000) }
        #expect(server.log.contains("refused"))
        #expect(server.log.contains("nearest: admin.health"))
        #expect(try client.send("GET", "/_mock/health").status == 418)
        #expect(server.stop() == 0)
    }

    @Test func aBadScenarioStopsTheStartWithItsErrors() throws {
        let path = Self.file("name: bad\nfaults:\n  - match: {api: admin.helth}\n    fault: reset\n")
        do {
            _ = try ServerProcess.start(["--scenario", path])
            Issue.record("the server started")
        } catch let failure as ServerProcess.Failure {
            let text = failure.description
            #expect(text.contains("cannot start"))
            #expect(text.contains("\(path):3: faults[0].match.api: unknown API 'admin.helth'; nearest: admin.health"))
        }
    }

    @Test func scenariosLoadOverTheAdminAPIAndVerifyExpectations() throws {
        let server = try ServerProcess.start(["--scenario", Self.defaultScenario])
        let client = server.client
        let listed = try client.get("/_mock/scenarios")
        #expect(listed.json["scenarios"]?[0]?["name"] == "default")
        let loaded = try client.post(
            "/_mock/scenarios",
            text: "name: posted\nfaults: [{match: {api: admin.health}, when: {calls: [1]}, respond: {status: 599}}]")
        #expect(loaded.status == 201)
        #expect(try client.get("/_mock/health").status == 599)
        #expect(try client.get("/_mock/health").status == 200)
        #expect(try client.request("DELETE", "/_mock/scenarios/posted").status == 200)
        #expect(try client.post("/_mock/requests/verify", json: [:]).json["ok"] == true)
        #expect(try client.get("/_mock/metrics").text.contains("ticketmock_scenarios_loaded 1"))
        #expect(server.stop() == 0)
    }

    static var defaultScenario: String {
        String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/")).withRoot + "/scenarios/default.yaml"
    }

    @Test func checkPrintsEveryErrorAndFailsOnAny() throws {
        let bad = Self.file("name: bad\nsed: 1\nfaults:\n  - match: {api: admin.helth}\n    fault: resett\n")
        let (code, output) = try ServerProcess.run(["check", Self.defaultScenario, bad])
        #expect(code == 1)
        #expect(output.contains("\(bad):2: sed: unknown key 'sed'; nearest: seed"))
        #expect(output.contains("\(bad):4: faults[0].match.api: unknown API 'admin.helth'; nearest: admin.health"))
        #expect(output.contains("\(bad):5: faults[0].fault: unknown connection fault 'resett'; nearest: reset"))
        #expect(output.contains("default.yaml: ok (default)"))
        let (good, _) = try ServerProcess.run(["check", Self.defaultScenario])
        #expect(good == 0)
    }

    /// Every name in the examples exists for real once the vendor modules are in the build.
    @Test func theExamplesPassStrictCheck() throws {
        let directory = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/") + "/scenarios"
        let (code, output) = try ServerProcess.run(["check", directory])
        #expect(code == 0, "\(output)")
    }

    /// The shipped examples pass `check --allow-unregistered` now; without the flag, only after
    /// the vendor modules are merged.
    @Test func theExamplesPassCheck() throws {
        let directory = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/")).withRoot + "/scenarios"
        let (code, output) = try ServerProcess.run(["check", "--allow-unregistered", directory])
        #expect(code == 0, "\(output)")
    }
}

extension String {
    fileprivate var withRoot: String { hasPrefix("/") ? self : "/" + self }
}
