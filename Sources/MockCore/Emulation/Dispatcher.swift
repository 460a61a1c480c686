import Logging

/// Runs around every routed request, knowing its route: scenario faults and the journal plug in
/// here. Wrapped around each handler once, when the dispatcher is made.
public typealias RouteMiddleware = @Sendable (Request, Route, Handler) -> Response

/// The transport's one handler: route, then call the endpoint wrapped in its middleware.
public final class Dispatcher: Sendable {
    private let router: Router
    private let logger: Logger

    public init(router: Router, vendors: [any VendorEmulator], middleware: [RouteMiddleware] = [], logger: Logger) {
        let byName = Dictionary(vendors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var wrapped = router
        wrapped.wrapHandlers { route in
            let vendor = byName[route.vendor]
            let endpoint: Handler = { request in
                guard !request.bodyTooLarge else {
                    return vendor?.payloadTooLarge(request) ?? GenericErrors.payloadTooLarge(request)
                }
                return route.handler(request)
            }
            return middleware.reversed().reduce(endpoint) { next, layer in
                { request in layer(request, route, next) }
            }
        }
        self.router = wrapped
        self.logger = logger
    }

    public var apiNames: [String] { router.apiNames }

    public func handle(_ request: Request) -> Response {
        let response: Response
        if let match = router.match(method: request.method, path: request.path) {
            var routed = request
            routed.parameters = match.parameters
            response = match.route.handler(routed)
        } else {
            response = GenericErrors.notFound(request)
        }
        logger.debug("\(request.method) \(request.uri) -> \(response.status)")
        return response
    }
}
