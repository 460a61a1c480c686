import MockCore
import Synchronization

/// `--watch`: polls the scenario files (and directories) for changes. A changed file is checked
/// again and swapped in; a broken one is refused with its errors and the old version stays.
public final class ScenarioWatcher: Sendable {
    private struct Watched {
        var stamps: [String: FileStamp] = [:]
        /// The scenario each file loaded, to unload it when the file goes or renames it.
        var names: [String: String] = [:]
    }

    private let engine: ScenarioEngine
    private let paths: [String]
    private let state = Mutex(Watched())
    private let report: @Sendable (String) -> Void

    /// `paths` are files or directories (their `*.yaml`, `*.yml`, `*.json`).
    public init(engine: ScenarioEngine, paths: [String], report: @escaping @Sendable (String) -> Void) {
        self.engine = engine
        self.paths = paths
        self.report = report
    }

    /// The files the paths stand for now, and the directories that could not be listed.
    public func files() -> (files: [String], issues: [ScenarioIssue]) {
        var files: [String] = []
        var issues: [ScenarioIssue] = []
        for path in paths {
            do throws(ScenarioRejected) {
                files += FileSystem.stamp(path)?.isDirectory == true ? try FileSystem.scenarioFiles(in: path) : [path]
            } catch {
                issues += error.issues
            }
        }
        return (files, issues)
    }

    /// Loads every file; returns the problems (nothing is loaded from a file with errors).
    public func loadAll() -> [ScenarioIssue] {
        var (list, issues) = files()
        var sources: [String: String] = [:]
        for file in list {
            let stamp = FileSystem.stamp(file)
            do {
                let scenario = try engine.loadFile(file)
                if let other = sources[scenario.name] {
                    issues.append(
                        ScenarioIssue(
                            file: file, line: 1, field: "name", message: "'\(scenario.name)' is also the name of \(other)"))
                }
                sources[scenario.name] = file
                state.withLock {
                    $0.stamps[file] = stamp
                    $0.names[file] = scenario.name
                }
            } catch {
                issues += error.issues
            }
        }
        return issues
    }

    /// Starts polling on the server's timers.
    public func start(timers: any TimerScheduler, every interval: Duration = .milliseconds(250)) {
        timers.repeating(every: interval) { [self] in poll() }
    }

    /// One look at the files: changed ones are reloaded, removed ones unloaded.
    public func poll() {
        let (current, unlisted) = files()
        // A directory that cannot be listed now keeps what it loaded (as a broken file does).
        guard unlisted.isEmpty else { return }
        let known = state.withLock { $0 }
        for file in current {
            guard let stamp = FileSystem.stamp(file), stamp != known.stamps[file] else { continue }
            state.withLock { $0.stamps[file] = stamp }
            do {
                let scenario = try engine.loadFile(file)
                if let old = known.names[file], old != scenario.name { engine.unload(old) }
                state.withLock { $0.names[file] = scenario.name }
                report("scenario \(scenario.name) reloaded from \(file)")
            } catch {
                report(
                    "scenario file \(file) refused; the previous version stays loaded:\n\(error.issues.map { "  \($0)" }.joined(separator: "\n"))"
                )
            }
        }
        for (file, name) in known.names where !current.contains(file) || FileSystem.stamp(file) == nil {
            engine.unload(name)
            state.withLock {
                $0.names[file] = nil
                $0.stamps[file] = nil
            }
            report("scenario \(name) unloaded: \(file) is gone")
        }
    }
}
