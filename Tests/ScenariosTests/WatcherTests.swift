import MockCore
import Synchronization
import Testing

@testable import Scenarios

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct WatcherTests {
    func temporaryDirectory() -> String {
        var template = Array("/tmp/ticketmock-watch-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template))
    }

    func write(_ path: String, _ text: String) {
        let file = fopen(path, "w")
        fputs(text, file)
        fclose(file)
    }

    @Test func changedFilesAreSwappedInAndBrokenOnesRefused() throws {
        let h = Harness()
        let directory = temporaryDirectory()
        let path = directory + "/flaky.yaml"
        write(path, "faults: [{match: {api: fake_desk.get_status}, respond: {status: 503}}]\n")
        let reports = ReportLog()
        let watcher = ScenarioWatcher(engine: h.engine, paths: [directory]) { reports.add($0) }
        #expect(watcher.loadAll().isEmpty)
        #expect(h.engine.scenarios.map(\.scenario.name) == ["flaky"])
        #expect(h.send("GET", "/fake/tickets/x/status").status == 503)

        write(path, "faults: [{match: {api: fake_desk.get_status}, respond: {status: 429}}]  # changed\n")
        watcher.poll()
        #expect(h.send("GET", "/fake/tickets/x/status").status == 429)

        write(path, "faults: [{match: {api: fake_desk.get_stats}, respond: {status: 500}}]  # broken\n")
        watcher.poll()
        #expect(h.send("GET", "/fake/tickets/x/status").status == 429)
        #expect(reports.lines.last?.contains("refused") == true)
        #expect(reports.lines.last?.contains("nearest: fake_desk.get_status") == true)

        write(directory + "/second.yml", "name: second\n")
        watcher.poll()
        #expect(h.engine.scenarios.map(\.scenario.name) == ["flaky", "second"])
        unlink(path)
        watcher.poll()
        #expect(h.engine.scenarios.map(\.scenario.name) == ["second"])
        unlink(directory + "/second.yml")
        rmdir(directory)
    }
}

final class ReportLog: Sendable {
    private let storage = Mutex<[String]>([])
    func add(_ line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}

@Suite struct WatcherStartTests {
    @Test func twoFilesWithOneNameAreAnError() throws {
        let h = Harness()
        var template = Array("/tmp/ticketmock-watch-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template))
        for file in ["a.yaml", "b.yaml"] {
            let handle = fopen(directory + "/" + file, "w")
            fputs("name: same\n", handle)
            fclose(handle)
        }
        let issues = ScenarioWatcher(engine: h.engine, paths: [directory]) { _ in }.loadAll()
        #expect(issues.map(\.description) == ["\(directory)/b.yaml:1: name: 'same' is also the name of \(directory)/a.yaml"])
        for file in ["a.yaml", "b.yaml"] { unlink(directory + "/" + file) }
        rmdir(directory)
    }
}
