import ArgumentParser
import MockCore

@main
struct TicketMockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticketmock",
        abstract: "A local emulator of the BlueKing ITSM, Huawei Cloud COC and Huawei Cloud OSM ticket APIs.",
        version: TicketMock.version,
        subcommands: [Serve.self, Check.self, Healthcheck.self, Version.self],
        defaultSubcommand: Serve.self
    )
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")
    func run() { print("ticketmock \(TicketMock.version)") }
}
