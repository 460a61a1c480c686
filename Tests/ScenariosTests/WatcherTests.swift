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

@Suite struct UnreadableScenarioTests {
    /// A directory that cannot be listed is an error, not an empty set of scenarios.
    @Test func anUnlistableDirectoryIsAnError() throws {
        let missing = "/tmp/ticketmock-no-such-directory-\(getpid())"
        #expect(throws: ScenarioRejected.self) { try FileSystem.scenarioFiles(in: missing) }
        do {
            _ = try FileSystem.scenarioFiles(in: missing)
        } catch {
            #expect(
                error.issues.map(\.description) == [
                    "\(missing):0: (directory): cannot read the directory: No such file or directory"
                ])
        }
        var template = Array("/tmp/ticketmock-locked-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template))
        defer { rmdir(directory) }
        chmod(directory, 0)
        defer { chmod(directory, 0o700) }
        let issues = ScenarioWatcher(engine: Harness().engine, paths: [directory]) { _ in }.loadAll()
        if geteuid() != 0 {  // root lists it anyway
            #expect(issues.map(\.description) == ["\(directory):0: (directory): cannot read the directory: Permission denied"])
        }
    }

    /// A scenario path that cannot be read (here a directory named like a scenario file) is an
    /// error at start-up and in `check`.
    @Test func anUnreadableFileIsAnError() throws {
        var template = Array("/tmp/ticketmock-unreadable-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template))
        let file = directory + "/broken.yaml"
        mkdir(file, 0o700)
        defer {
            rmdir(file)
            rmdir(directory)
        }
        let h = Harness()
        let issues = ScenarioWatcher(engine: h.engine, paths: [directory]) { _ in }.loadAll()
        #expect(issues.map(\.description) == ["\(file):0: (file): cannot read the file"])
        let report = ScenarioCheck.run(files: [directory], catalog: h.engine.catalog)
        #expect(report.issues.map(\.description) == ["\(file):0: (file): cannot read the file"])
    }
}
