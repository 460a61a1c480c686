import HTTPCore

/// A registered endpoint: its API name (`vendor.operation`, used by the journal and by scenario
/// faults) and its handler.
public struct Route: Sendable {
    public var api: String {
        didSet { vendor = Self.vendor(of: api) }
    }
    public var handler: Handler
    /// The vendor part of the API name (`bk_itsm` in `bk_itsm.create_ticket`), kept so request-time
    /// middleware compares it instead of scanning the name on every call.
    public private(set) var vendor: String

    public init(api: String, handler: @escaping Handler) {
        self.api = api
        self.handler = handler
        vendor = Self.vendor(of: api)
    }

    private static func vendor(of api: String) -> String { String(api.prefix { $0 != "." }) }
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
    /// A trie node. Literals and methods are short lists scanned in order: a node has a handful of
    /// each, and comparing bytes is cheaper than hashing a string made for the look-up.
    struct Node: Sendable {
        var literals: [(segment: [UInt8], child: Int)] = []
        var parameter: (name: String, child: Int)?
        var catchAll: (name: String, child: Int)?
        var routes: [(method: String, route: Route)] = []

        func route(for method: String) -> Route? {
            var anyMethod: Route?
            for entry in routes {
                if entry.method == method { return entry.route }
                if entry.method == "*" { anyMethod = entry.route }
            }
            return anyMethod
        }

        func literal(_ segment: UnsafeBufferPointer<UInt8>) -> Int? {
            for literal in literals where literal.segment.count == segment.count {
                let same = literal.segment.withUnsafeBufferPointer { stored in
                    stored.indices.allSatisfy { stored[$0] == segment[$0] }
                }
                if same { return literal.child }
            }
            return nil
        }
    }

    private(set) var nodes: [Node] = [Node()]
    /// The most segments of any pattern: bounds how many parameters one match can capture.
    private(set) var deepestPattern = 0
    public private(set) var apiNames: [String] = []

    public init() {}

    public mutating func add(_ method: String, _ pattern: String, api: String, _ handler: @escaping Handler) {
        var current = 0
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
        for segment in segments {
            current = child(of: current, for: segment)
        }
        deepestPattern = max(deepestPattern, segments.count)
        let method = method.uppercased()
        let route = Route(api: api, handler: handler)
        if let existing = nodes[current].routes.firstIndex(where: { $0.method == method }) {
            nodes[current].routes[existing].route = route
        } else {
            nodes[current].routes.append((method, route))
        }
        if !apiNames.contains(api) { apiNames.append(api) }
    }

    /// Registers the same handler under several patterns (path variants of one endpoint).
    public mutating func add(_ method: String, _ patterns: [String], api: String, _ handler: @escaping Handler) {
        for pattern in patterns { add(method, pattern, api: api, handler) }
    }

    /// Replaces every route's handler, e.g. to wrap it in middleware once at start-up.
    public mutating func wrapHandlers(_ wrap: (Route) -> Handler) {
        for index in nodes.indices {
            for entry in nodes[index].routes.indices {
                let route = nodes[index].routes[entry].route
                nodes[index].routes[entry].route = Route(api: route.api, handler: wrap(route))
            }
        }
    }

    public func match(method: String, path: String) -> RouteMatch? {
        RouteSearch.match(self, method: method, path: path)
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
        let bytes = Array(segment.utf8)
        if let existing = nodes[index].literals.first(where: { $0.segment == bytes }) { return existing.child }
        nodes.append(Node())
        nodes[index].literals.append((bytes, nodes.count - 1))
        return nodes.count - 1
    }
}
