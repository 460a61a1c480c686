import MockCore

/// `ticketmock check FILE...`: every problem of every file, as `file:line: field: message`.
public enum ScenarioCheck {
    public struct Report: Sendable {
        public var issues: [ScenarioIssue]
        /// Files that loaded, by scenario name.
        public var passed: [(file: String, name: String)]
    }

    public static func run(files: [String], catalog: ScenarioCatalog) -> Report {
        var report = Report(issues: [], passed: [])
        var names: [String: String] = [:]
        for path in files {
            let list: [String]
            do throws(ScenarioRejected) {
                list = FileSystem.stamp(path)?.isDirectory == true ? try FileSystem.scenarioFiles(in: path) : [path]
            } catch {
                report.issues += error.issues
                continue
            }
            for file in list {
                guard let text = FileSystem.read(file) else {
                    report.issues.append(ScenarioIssue(file: file, line: 0, field: "(file)", message: "cannot read the file"))
                    continue
                }
                switch ScenarioParser.parse(text, file: file, defaultName: FileSystem.baseName(file), catalog: catalog) {
                case .success(let scenario):
                    if let other = names[scenario.name] {
                        report.issues.append(
                            ScenarioIssue(
                                file: file, line: 1, field: "name", message: "'\(scenario.name)' is also the name of \(other)"))
                    } else {
                        names[scenario.name] = file
                        report.passed.append((file, scenario.name))
                    }
                case .failure(let rejected):
                    report.issues += rejected.issues
                }
            }
        }
        return report
    }
}
