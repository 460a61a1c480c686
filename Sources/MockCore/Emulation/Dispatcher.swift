import Logging

/// Runs around every routed request, knowing its route: scenario faults and the journal plug in
/// here. A protocol, not a closure type: the dispatcher calls the layers in turn with no closure
/// contexts or reabstraction thunks between them (each thunk copied the request). Layers are
/// objects, so reading one from the list is a retain, not a copy of a value.
public protocol RouteLayer: AnyObject, Sendable {
    /// Answers `request`, usually by calling `next` (the later layers, then the endpoint).
    func respond(to request: Request, route: Route, next: RouteNext) -> Response
}

public typealias RouteMiddleware = any RouteLayer

/// What follows one layer for one request: the later layers, then the endpoint.
public struct RouteNext {
    let dispatcher: Dispatcher
    let route: Route
    let layer: Int

    public func callAsFunction(_ request: Request) -> Response {
        dispatcher.respond(to: request, route: route, layer: layer)
    }
}

/// The transport's one handler: route, then call the endpoint wrapped in its middleware.
public final class Dispatcher: Sendable {
    private let router: Router
    private let layers: [RouteMiddleware]
    private let vendors: [String: any VendorEmulator]
    private let logger: Logger
    /// The level is the logger's own and fixed once it is made; asking it per request cost a copy
    /// of its handler.
    private let logsRequests: Bool

    public init(router: Router, vendors: [any VendorEmulator], middleware: [RouteMiddleware] = [], logger: Logger) {
        self.router = router
        self.vendors = Dictionary(vendors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        layers = middleware
        self.logger = logger
        logsRequests = logger.logLevel <= .debug
    }

    public var apiNames: [String] { router.apiNames }

    public func handle(_ request: Request) -> Response {
        let response: Response
        if let match = router.match(method: request.method, path: request.path) {
            var routed = request
            routed.parameters = match.parameters
            response = respond(to: routed, route: match.route, layer: 0)
        } else {
            response = GenericErrors.notFound(request)
        }
        if logsRequests { logger.debug("\(request.method) \(request.uri) -> \(response.status)") }
        return response
    }

    /// Middleware layer `layer`, or past the last one the endpoint.
    fileprivate func respond(to request: Request, route: Route, layer: Int) -> Response {
        if layer < layers.count {
            return layers[layer].respond(
                to: request, route: route, next: RouteNext(dispatcher: self, route: route, layer: layer + 1))
        }
        guard !request.bodyTooLarge else {
            return vendors[route.vendor]?.payloadTooLarge(request) ?? GenericErrors.payloadTooLarge(request)
        }
        return route.handler(request)
    }
}
