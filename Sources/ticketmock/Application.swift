import Admin
import EventHTTP
import HuaweiCloud
import HuaweiOSM
import Logging
import MockCore

/// Wires the layers together: transport → dispatcher → admin and vendor emulators.
final class Application {
    let server: HTTPServer
    let context: EmulatorContext

    init(options: ServeOptions, logger: Logger) throws {
        let dispatch = DeferredHandler()
        server = try HTTPServer(
            configuration: ServerConfiguration(
                host: options.host, port: options.port, threads: options.threads, maxBodyBytes: options.maxBodyBytes,
                idleTimeout: .seconds(options.idleTimeout)),
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
        dispatch.target = Dispatcher(router: router, vendors: vendors, logger: logger)
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
            huawei,
            HuaweiOSM(context: context, gateway: huawei.gateway),
        ]
    }
}
