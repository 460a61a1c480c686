import HTTPCore

/// A registered endpoint: its API name (`vendor.operation`, used by the journal and by scenario
/// faults) and its handler.
public struct Route: Sendable {
    public var api: String
    public var handler: Handler

    public init(api: String, handler: @escaping Handler) {
        self.api = api
        self.handler = handler
    }

    /// The vendor part of the API name (`bk_itsm` in `bk_itsm.create_ticket`).
    public var vendor: String { String(api.prefix { $0 != "." }) }
}

/// The route that answers a request, with the path parameters it captured.
public struct RouteMatch: Sendable {
    public var route: Route
    public var parameters: [String: String]
}

/// Method + path patterns. A pattern is `/`-separated segments: a literal, `{name}` for one segment,
/// or `{name...}` for zero or more segments (anywhere in the pattern). Paths are matched by their
/// non-empty segments, so `//api/x/` and `/api/x` are the same path. Literals beat parameters, which
/// beat catch-alls; `*` as the method matches any method after the exact ones.
public struct Router: Sendable {
    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var parameter: (name: String, child: Int)?
        var catchAll: (name: String, child: Int)?
        var routes: [String: Route] = [:]
    }

    private var nodes: [Node] = [Node()]
    public private(set) var apiNames: [String] = []

    public init() {}

    public mutating func add(_ method: String, _ pattern: String, api: String, _ handler: @escaping Handler) {
        var current = 0
        for segment in Self.segments(pattern) {
            current = child(of: current, for: segment)
        }
        nodes[current].routes[method.uppercased()] = Route(api: api, handler: handler)
        if !apiNames.contains(api) { apiNames.append(api) }
    }

    /// Registers the same handler under several patterns (path variants of one endpoint).
    public mutating func add(_ method: String, _ patterns: [String], api: String, _ handler: @escaping Handler) {
        for pattern in patterns { add(method, pattern, api: api, handler) }
    }

    /// Replaces every route's handler, e.g. to wrap it in middleware once at start-up.
    public mutating func wrapHandlers(_ wrap: (Route) -> Handler) {
        for index in nodes.indices {
            for (method, route) in nodes[index].routes {
                nodes[index].routes[method] = Route(api: route.api, handler: wrap(route))
            }
        }
    }

    public func match(method: String, path: String) -> RouteMatch? {
        let segments = Self.segments(path)
        var parameters: [String: String] = [:]
        guard let route = find(node: 0, segments: segments[...], method: method, parameters: &parameters) else {
            return nil
        }
        return RouteMatch(route: route, parameters: parameters)
    }

    static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private mutating func child(of index: Int, for segment: Substring) -> Int {
        if segment.hasPrefix("{"), segment.hasSuffix("...}") {
            let name = String(segment.dropFirst().dropLast(4))
            if let existing = nodes[index].catchAll { return existing.child }
            nodes.append(Node())
            nodes[index].catchAll = (name, nodes.count - 1)
            return nodes.count - 1
        }
        if segment.hasPrefix("{"), segment.hasSuffix("}") {
            let name = String(segment.dropFirst().dropLast())
            if let existing = nodes[index].parameter {
                precondition(existing.name == name, "conflicting parameter names \(existing.name) and \(name)")
                return existing.child
            }
            nodes.append(Node())
            nodes[index].parameter = (name, nodes.count - 1)
            return nodes.count - 1
        }
        if let existing = nodes[index].literals[String(segment)] { return existing }
        nodes.append(Node())
        nodes[index].literals[String(segment)] = nodes.count - 1
        return nodes.count - 1
    }

    private func find(
        node index: Int, segments: ArraySlice<Substring>, method: String, parameters: inout [String: String]
    ) -> Route? {
        let node = nodes[index]
        guard let segment = segments.first else {
            if let route = node.routes[method] ?? node.routes["*"] { return route }
            // A trailing catch-all may match nothing.
            if let catchAll = node.catchAll {
                return find(catchAll: catchAll, segments: segments, method: method, parameters: &parameters)
            }
            return nil
        }
        let rest = segments.dropFirst()
        if let literal = node.literals[String(segment)],
            let route = find(node: literal, segments: rest, method: method, parameters: &parameters)
        {
            return route
        }
        if let parameter = node.parameter {
            let saved = parameters
            parameters[parameter.name] = String(segment)
            if let route = find(node: parameter.child, segments: rest, method: method, parameters: &parameters) {
                return route
            }
            parameters = saved
        }
        if let catchAll = node.catchAll {
            return find(catchAll: catchAll, segments: segments, method: method, parameters: &parameters)
        }
        return nil
    }

    /// Tries the catch-all over the fewest segments first, so the rest of its pattern gets the most.
    private func find(
        catchAll: (name: String, child: Int), segments: ArraySlice<Substring>, method: String,
        parameters: inout [String: String]
    ) -> Route? {
        for taken in 0...segments.count {
            let saved = parameters
            parameters[catchAll.name] = segments.prefix(taken).joined(separator: "/")
            if let route = find(
                node: catchAll.child, segments: segments.dropFirst(taken), method: method, parameters: &parameters)
            {
                return route
            }
            parameters = saved
        }
        return nil
    }
}
