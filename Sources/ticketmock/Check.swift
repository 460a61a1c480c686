import Admin
import ArgumentParser
import MockCore
import Scenarios

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate scenario files; every error names the file, line and field.")
    @Argument(help: "Scenario files (YAML or JSON) or directories of them.") var files: [String]
    @Flag(help: "Accept names under a known vendor prefix whose vendor is not registered in this build.")
    var allowUnregistered = false

    func run() throws {
        let context = EmulatorContext(timers: ManualTimers(), outbound: RecordingOutbound())
        let vendors = Vendors.all(context: context)
        var router = Router()
        AdminAPI(context: context, vendors: vendors).register(into: &router)
        for vendor in vendors { vendor.register(into: &router) }
        ScenarioAdmin(context: context, engine: ScenarioEngine(context: context, vendors: vendors, apiNames: []))
            .register(into: &router)
        let catalog = ScenarioCatalog(vendors: vendors, apiNames: router.apiNames, relaxUnregistered: allowUnregistered)
        let report = ScenarioCheck.run(files: files, catalog: catalog)
        for issue in report.issues { print(issue.description) }
        for passed in report.passed { print("\(passed.file): ok (\(passed.name))") }
        if !report.issues.isEmpty {
            printError("check: \(report.issues.count) error\(report.issues.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }
}
