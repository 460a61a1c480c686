import ArgumentParser
import EventHTTP
import Logging
import MockCore
import Scenarios

#if canImport(Glibc)
    import Glibc
#endif

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the emulated APIs (every flag also reads TICKETMOCK_<FLAG>).")

    @Option(help: "Address to listen on. [env: TICKETMOCK_HOST, default: 127.0.0.1]") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one. [env: TICKETMOCK_PORT, default: 8080]") var port: Int?
    @Option(help: "Event loops (threads); 0 means one per core. [env: TICKETMOCK_THREADS]") var threads: Int?
    @Option(help: "Scenario file or directory to load (repeatable). [env: TICKETMOCK_SCENARIO, comma-separated]")
    var scenario: [String] = []
    @Flag(help: "Reload the scenario files (and directories) when they change. [env: TICKETMOCK_WATCH]") var watch = false
    @Option(help: "Seed for ids, sns and probabilistic faults. [env: TICKETMOCK_SEED]") var seed: UInt64?
    @Option(help: "open: any well-formed credentials; strict: check secrets and signatures. [env: TICKETMOCK_AUTH]")
    var auth: AuthMode?
    @Option(help: "Token the /_mock/ admin API requires (none by default). [env: TICKETMOCK_ADMIN_TOKEN]")
    var adminToken: String?
    @Option(help: "Base URL the emulator hands out in links. [env: TICKETMOCK_PUBLIC_URL, default: http://HOST:PORT]")
    var publicURL: String?
    @Option(help: "Largest request body accepted; larger ones get 413. [env: TICKETMOCK_MAX_BODY_BYTES, default: 1048576]")
    var maxBodyBytes: Int?
    @Option(help: "Requests kept in the journal. [env: TICKETMOCK_JOURNAL_SIZE, default: 10000]") var journalSize: Int?
    @Option(help: "Idle connection timeout in seconds. [env: TICKETMOCK_IDLE_TIMEOUT, default: 60]") var idleTimeout: Int?
    @Option(help: "trace, debug, info, notice, warning, error or critical. [env: TICKETMOCK_LOG_LEVEL, default: info]")
    var logLevel: String?

    func run() throws {
        Termination.blockSignals()
        HeapGrowth.pad()
        let options = try resolve()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = options.logLevel
            return handler
        }
        let logger = Logger(label: "ticketmock")
        let app: Application
        do {
            app = try Application(options: options, logger: logger)
        } catch {
            if let rejected = error as? ScenarioRejected {
                printError("ticketmock: cannot start: \(rejected)")
            } else {
                logger.critical("\(error)")
            }
            throw ExitCode(1)
        }
        app.start()
        logger.info(
            "ticketmock \(TicketMock.version) listening on http://\(options.displayHost):\(app.port) (\(app.threadCount) threads)"
        )
        let signal = Termination.wait()
        logger.info("signal \(signal) received, stopping")
        app.stop()
        logger.info("stopped")
    }

    func resolve() throws -> ServeOptions {
        let host = EnvironmentOptions.string("host", self.host, default: "127.0.0.1")
        let port = try EnvironmentOptions.value("port", self.port, default: 8080)
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
        let threads = try EnvironmentOptions.value("threads", self.threads, default: 0)
        guard threads >= 0, threads <= 256 else { throw ValidationError("--threads must be between 0 and 256") }
        let maxBody = try EnvironmentOptions.value("max-body-bytes", maxBodyBytes, default: 1 << 20)
        guard maxBody > 0 else { throw ValidationError("--max-body-bytes must be positive") }
        let journal = try EnvironmentOptions.value("journal-size", journalSize, default: 10_000)
        guard journal >= 0 else { throw ValidationError("--journal-size must not be negative") }
        let idle = try EnvironmentOptions.value("idle-timeout", idleTimeout, default: 60)
        guard idle > 0 else { throw ValidationError("--idle-timeout must be positive") }
        let levelText = EnvironmentOptions.string("log-level", logLevel, default: "info")
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        let seedValue: UInt64? =
            try seed
            ?? EnvironmentOptions.raw("seed").map { text in
                guard let parsed = UInt64(text) else { throw ValidationError("TICKETMOCK_SEED=\(text) is not a number") }
                return parsed
            }
        return ServeOptions(
            host: host, port: port, threads: threads, scenarios: EnvironmentOptions.list("scenario", scenario),
            watch: try EnvironmentOptions.flag("watch", watch), seed: seedValue,
            auth: try EnvironmentOptions.value("auth", auth, default: .open),
            adminToken: EnvironmentOptions.optionalString("admin-token", adminToken),
            publicURL: EnvironmentOptions.optionalString("public-url", publicURL), maxBodyBytes: maxBody,
            journalSize: journal, idleTimeout: idle,
            logLevel: level)
    }
}

struct ServeOptions {
    var host: String
    var port: Int
    var threads: Int
    var scenarios: [String]
    var watch: Bool
    var seed: UInt64?
    var auth: AuthMode
    var adminToken: String?
    var publicURL: String?
    var maxBodyBytes: Int
    var journalSize: Int
    var idleTimeout: Int
    var logLevel: Logger.Level

    /// The host as a URL shows it (a wildcard address is reached through loopback).
    var displayHost: String {
        switch host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::": "[::1]"
        default: host.contains(":") ? "[\(host)]" : host
        }
    }
}
