import ArgumentParser

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate scenario files; every error names the file, line and field.")
    @Argument(help: "Scenario files (YAML or JSON).") var files: [String]

    func run() throws {
        throw ValidationError("scenario files are not supported yet")
    }
}
