import Admin
import BlueKingITSM
import EventHTTP
import HuaweiCOC
import HuaweiCloud
import HuaweiOSM
import Logging
import MockCore
import Scenarios

/// Wires the layers together: transport → dispatcher → admin and vendor emulators.
final class Application {
    let server: HTTPServer
    let context: EmulatorContext
    let scenarios: ScenarioEngine

    init(options: ServeOptions, logger: Logger) throws {
        let dispatch = DeferredHandler()
        server = try HTTPServer(
            configuration: ServerConfiguration(
                host: options.host, port: options.port, threads: options.threads, maxBodyBytes: options.maxBodyBytes,
                idleTimeout: .seconds(options.idleTimeout), rejection: GenericErrors.unparsable),
            handler: { dispatch.handle($0) })
        let publicURL = options.publicURL ?? "http://\(options.displayHost):\(server.port)"
        context = EmulatorContext(
            settings: Settings(
                authMode: options.auth, publicURL: publicURL, maxBodyBytes: options.maxBodyBytes,
                journalSize: options.journalSize, adminToken: options.adminToken),
            ids: IdSource(seed: options.seed), timers: server, outbound: server.outbound, logger: logger)
        let vendors = Vendors.all(context: context)
        var router = Router()
        AdminAPI(context: context, vendors: vendors).register(into: &router)
        for vendor in vendors { vendor.register(into: &router) }
        scenarios = ScenarioEngine(context: context, vendors: vendors, apiNames: router.apiNames)
        ScenarioAdmin(context: context, engine: scenarios).register(into: &router)
        let watcher = ScenarioWatcher(engine: scenarios, paths: options.scenarios) { message in
            if message.contains("refused") { logger.error("\(message)") } else { logger.info("\(message)") }
        }
        let issues = watcher.loadAll()
        guard issues.isEmpty else { throw ScenarioRejected(issues: issues) }
        if options.watch { watcher.start(timers: server) }
        dispatch.target = Dispatcher(router: router, vendors: vendors, middleware: scenarios.middleware, logger: logger)
    }

    var port: Int { server.port }
    var threadCount: Int { server.threadCount }
    func start() { server.start() }
    func stop() { server.stop() }
}

/// The server needs its handler before the dispatcher can be built (the dispatcher's context needs
/// the server's timers); the target is set once, before the loops start.
final class DeferredHandler: @unchecked Sendable {
    var target: Dispatcher?
    func handle(_ request: Request) -> Response {
        target?.handle(request) ?? GenericErrors.notFound(request)
    }
}

/// One line per vendor emulator.
enum Vendors {
    static func all(context: EmulatorContext) -> [any VendorEmulator] {
        let huawei = HuaweiCloud(context: context)
        return [
            BlueKingITSMEmulator(context: context),
            huawei,
            HuaweiCOC(context: context, gateway: huawei.gateway),
            HuaweiOSM(context: context, gateway: huawei.gateway),
        ]
    }
}
