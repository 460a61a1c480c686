import HTTPCore

/// One match of a path against the router's trie, over the path's UTF-8 bytes. Segments are byte
/// ranges and captured parameters are segment ranges, both in stack buffers, so nothing is
/// allocated until the route is found and its parameters become strings.
struct RouteSearch {
    /// A parameter captured on the way down: segments `first..<end`, for the parameter or the
    /// catch-all of node `owner`.
    private struct Capture {
        var owner: Int
        var isCatchAll: Bool
        var first: Int
        var end: Int
    }

    private let nodes: UnsafeBufferPointer<Router.Node>
    private let path: UnsafeBufferPointer<UInt8>
    private let segments: UnsafeBufferPointer<Range<Int>>
    private let method: String
    private let captures: UnsafeMutableBufferPointer<Capture>
    private var captureCount = 0

    private static let slash = UInt8(ascii: "/")

    static func match(_ router: Router, method: String, path: String) -> RouteMatch? {
        var path = path
        return path.withUTF8 { bytes in
            let most = bytes.reduce(1) { $1 == slash ? $0 + 1 : $0 }
            return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: most) { segmentBuffer in
                let count = split(bytes, into: segmentBuffer)
                return withUnsafeTemporaryAllocation(of: Capture.self, capacity: router.deepestPattern + 1) { captures in
                    router.nodes.withUnsafeBufferPointer { nodes in
                        var search = RouteSearch(
                            nodes: nodes, path: bytes, segments: UnsafeBufferPointer(rebasing: segmentBuffer[..<count]),
                            method: method, captures: captures)
                        guard let route = search.find(0, from: 0) else { return nil }
                        return RouteMatch(route: route, parameters: search.parameters())
                    }
                }
            }
        }
    }

    /// The non-empty segments between slashes; returns how many there are.
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, into segments: UnsafeMutableBufferPointer<Range<Int>>) -> Int {
        var count = 0
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == slash {
            if index > start {
                segments[count] = start..<index
                count += 1
            }
            start = index + 1
        }
        return count
    }

    private init(
        nodes: UnsafeBufferPointer<Router.Node>, path: UnsafeBufferPointer<UInt8>, segments: UnsafeBufferPointer<Range<Int>>,
        method: String, captures: UnsafeMutableBufferPointer<Capture>
    ) {
        self.nodes = nodes
        self.path = path
        self.segments = segments
        self.method = method
        self.captures = captures
    }

    /// Reads a node in place (copying one would retain each of its lists).
    private func node(_ index: Int) -> UnsafePointer<Router.Node> { nodes.baseAddress! + index }

    private mutating func find(_ index: Int, from position: Int) -> Route? {
        let node = node(index)
        guard position < segments.count else {
            if let route = node.pointee.route(for: method) { return route }
            // A trailing catch-all may match nothing.
            if let catchAll = node.pointee.catchAll { return find(catchAllOf: index, child: catchAll.child, from: position) }
            return nil
        }
        if let literal = node.pointee.literal(UnsafeBufferPointer(rebasing: path[segments[position]])),
            let route = find(literal, from: position + 1)
        {
            return route
        }
        if let parameter = node.pointee.parameter {
            push(Capture(owner: index, isCatchAll: false, first: position, end: position + 1))
            if let route = find(parameter.child, from: position + 1) { return route }
            captureCount -= 1
        }
        if let catchAll = node.pointee.catchAll { return find(catchAllOf: index, child: catchAll.child, from: position) }
        return nil
    }

    /// Tries the catch-all over the fewest segments first, so the rest of its pattern gets the most.
    private mutating func find(catchAllOf owner: Int, child: Int, from position: Int) -> Route? {
        for end in position...segments.count {
            push(Capture(owner: owner, isCatchAll: true, first: position, end: end))
            if let route = find(child, from: end) { return route }
            captureCount -= 1
        }
        return nil
    }

    private mutating func push(_ capture: Capture) {
        captures[captureCount] = capture
        captureCount += 1
    }

    /// The captures as the handler sees them; a later capture of the same name wins.
    private func parameters() -> PathParameters {
        guard captureCount > 0 else { return PathParameters() }
        var pairs: [(name: String, value: String)] = []
        pairs.reserveCapacity(captureCount)
        for capture in captures[..<captureCount] {
            let owner = node(capture.owner)
            let name = capture.isCatchAll ? owner.pointee.catchAll!.name : owner.pointee.parameter!.name
            pairs.append((name, text(segmentsFrom: capture.first, to: capture.end)))
        }
        return PathParameters(pairs)
    }

    /// Segments `first..<end` joined by single slashes.
    private func text(segmentsFrom first: Int, to end: Int) -> String {
        if end == first + 1 { return String(decoding: UnsafeBufferPointer(rebasing: path[segments[first]]), as: UTF8.self) }
        var bytes: [UInt8] = []
        for index in first..<end {
            if index > first { bytes.append(Self.slash) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: path[segments[index]]))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
