import HTTPCore

/// A registered endpoint: its API name (`vendor.operation`, used by the journal and by scenario
/// faults) and its handler.
public struct Route: Sendable {
    public var api: String {
        didSet {
            vendor = Self.vendor(of: api)
            apiIndex = nil
        }
    }
    public var handler: Handler
    /// The vendor part of the API name (`bk_itsm` in `bk_itsm.create_ticket`), kept so request-time
    /// middleware compares it instead of scanning the name on every call.
    public private(set) var vendor: String
    /// Where `api` is in the router's `apiNames`, so request-time tables per API (the journal's
    /// counters) are arrays indexed by it rather than dictionaries hashing the name.
    public private(set) var apiIndex: Int?

    public init(api: String, apiIndex: Int? = nil, handler: @escaping Handler) {
        self.api = api
        self.apiIndex = apiIndex
        self.handler = handler
        vendor = Self.vendor(of: api)
    }

    private static func vendor(of api: String) -> String { String(api.prefix { $0 != "." }) }
}

/// The route that answers a request, with the path parameters it captured.
public struct RouteMatch: Sendable {
    public var route: Route
    public var parameters: PathParameters
}

/// Method + path patterns. A pattern is `/`-separated segments: a literal, `{name}` for one segment,
/// or `{name...}` for zero or more segments (anywhere in the pattern). Paths are matched by their
/// non-empty segments, so `//api/x/` and `/api/x` are the same path. Literals beat parameters, which
/// beat catch-alls; `*` as the method matches any method after the exact ones.
public struct Router: Sendable {
    /// A trie node. Literals and methods are short lists scanned in order: a node has a handful of
    /// each, and comparing bytes is cheaper than hashing a string made for the look-up. Each list
    /// is kept as parallel arrays of plain elements: scanning an array of tuples copied every tuple
    /// it read, retaining the route inside.
    struct Node: Sendable {
        var literals: [[UInt8]] = []
        var literalChildren: [Int] = []
        var parameter: (name: String, child: Int)?
        var catchAll: (name: String, child: Int)?
        var methods: [String] = []
        var routes: [Route] = []

        func route(for method: String) -> Route? {
            var anyMethod: Int?
            for index in methods.indices {
                if methods[index] == method { return routes[index] }
                if methods[index] == "*" { anyMethod = index }
            }
            return anyMethod.map { routes[$0] }
        }

        func literal(_ segment: UnsafeBufferPointer<UInt8>) -> Int? {
            for index in literals.indices where literals[index].count == segment.count {
                let same = literals[index].withUnsafeBufferPointer { stored in
                    stored.indices.allSatisfy { stored[$0] == segment[$0] }
                }
                if same { return literalChildren[index] }
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
        let apiIndex = apiNames.firstIndex(of: api) ?? apiNames.count
        if apiIndex == apiNames.count { apiNames.append(api) }
        let route = Route(api: api, apiIndex: apiIndex, handler: handler)
        if let existing = nodes[current].methods.firstIndex(of: method) {
            nodes[current].routes[existing] = route
        } else {
            nodes[current].methods.append(method)
            nodes[current].routes.append(route)
        }
    }

    /// Registers the same handler under several patterns (path variants of one endpoint).
    public mutating func add(_ method: String, _ patterns: [String], api: String, _ handler: @escaping Handler) {
        for pattern in patterns { add(method, pattern, api: api, handler) }
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
        if let existing = nodes[index].literals.firstIndex(of: bytes) { return nodes[index].literalChildren[existing] }
        nodes.append(Node())
        nodes[index].literals.append(bytes)
        nodes[index].literalChildren.append(nodes.count - 1)
        return nodes.count - 1
    }
}
