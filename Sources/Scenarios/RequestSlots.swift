import MockCore

/// The requests of one journal shard, as bytes in fixed-size slots that are reused in turn.
///
/// Keeping each `Request` itself held its head, field bounds, body and target, four allocations
/// per request for the journal's 10,000 requests. Their memory was never reused while still in
/// cache, and dropping the oldest released four cold objects. That cost about 1.4 µs of 17 per
/// COC create. Copying a request's bytes over the slot's previous ones costs one copy and frees
/// nothing. A request too large for a slot gets its own array; one whose header fields did not
/// come from a transport (built in code) is kept as it is.
struct RequestSlots {
    static let slotBytes = 2048
    /// Slot `i` is `bytes[i * slotBytes ..< (i + 1) * slotBytes]`, allocated at the first store
    /// but not written: its pages become resident as slots are first used.
    private var bytes: [UInt8] = []
    private let count: Int

    init(count: Int) { self.count = count }

    /// Keeps `request` (its body cut at `bodyLimit`) in `slot`, replacing what the slot held.
    mutating func store(_ request: Request, bodyLimit: Int, in slot: Int) -> StoredRequest {
        guard let fields = request.headers.rawFields,
            let layout = RequestLayout(request, fields: fields, bodyLimit: bodyLimit)
        else { return .request(request.journaled(bodyLimit: bodyLimit)) }
        guard layout.size <= Self.slotBytes else {
            let own = [UInt8](unsafeUninitializedCapacity: layout.size) { buffer, count in
                layout.write(request, fields, into: UnsafeMutableRawBufferPointer(buffer))
                count = layout.size
            }
            return .own(own, layout)
        }
        if bytes.isEmpty {
            // Only bytes a store wrote are ever read back.
            bytes = [UInt8](unsafeUninitializedCapacity: count * Self.slotBytes) { $1 = count * Self.slotBytes }
        }
        bytes.withUnsafeMutableBytes { all in
            layout.write(request, fields, into: UnsafeMutableRawBufferPointer(rebasing: all[(slot * Self.slotBytes)...]))
        }
        return .inSlot(layout)
    }

    /// The request `stored` in `slot` stands for, as a value of its own.
    func request(_ stored: StoredRequest, in slot: Int) -> Request {
        switch stored {
        case .request(let request): request
        case .own(let own, let layout): own.withUnsafeBytes { layout.request(from: $0) }
        case .inSlot(let layout):
            bytes.withUnsafeBytes { layout.request(from: UnsafeRawBufferPointer(rebasing: $0[(slot * Self.slotBytes)...])) }
        }
    }
}

/// Where a journaled request is.
enum StoredRequest: Sendable {
    case inSlot(RequestLayout)
    case own([UInt8], RequestLayout)
    case request(Request)
}

/// How a request is laid out in its bytes: the raw head (request line and header fields), the
/// fields' bounds, then the body.
struct RequestLayout: Sendable {
    private let headCount: Int
    private let boundCount: Int
    private let bodyCount: Int
    /// The method and target within the head's request line.
    private let method: Range<Int>
    private let target: Range<Int>
    private let bodyTooLarge: Bool

    var size: Int { headCount + boundCount * 4 + bodyCount }

    /// Nil when the method and target are not the head's own bytes (the request was changed).
    init?(_ request: borrowing Request, fields: RawHeaderFields, bodyLimit: Int) {
        var method = request.method, target = request.uri
        let found = fields.bytes.withUnsafeBufferPointer { head -> (Range<Int>, Range<Int>)? in
            // The head starts with the request line, after any empty lines (RFC 9112 §2.2).
            var start = 0
            while start < head.count, head[start] == 0x0D || head[start] == 0x0A { start += 1 }
            let methodRange = start..<start + method.utf8.count
            let targetRange = methodRange.upperBound + 1..<methodRange.upperBound + 1 + target.utf8.count
            guard targetRange.upperBound <= head.count, head[methodRange.upperBound] == 0x20,
                method.withUTF8({ StringBytes.equal(UnsafeBufferPointer(rebasing: head[methodRange]), $0) }),
                target.withUTF8({ StringBytes.equal(UnsafeBufferPointer(rebasing: head[targetRange]), $0) })
            else { return nil }
            return (methodRange, targetRange)
        }
        guard let found else { return nil }
        (self.method, self.target) = found
        headCount = fields.bytes.count
        boundCount = fields.withBounds(\.count)
        bodyCount = min(request.body.count, bodyLimit)
        bodyTooLarge = request.bodyTooLarge
    }

    func write(_ request: Request, _ fields: RawHeaderFields, into destination: UnsafeMutableRawBufferPointer) {
        guard let base = destination.baseAddress else { return }
        let boundsStart = base + headCount, bodyStart = boundsStart + boundCount * 4
        // An empty buffer may have no address: nothing is copied from those.
        fields.bytes.withUnsafeBytes { head in
            if let from = head.baseAddress { base.copyMemory(from: from, byteCount: headCount) }
        }
        fields.withBounds { bounds in
            if let from = bounds.baseAddress { boundsStart.copyMemory(from: from, byteCount: boundCount * 4) }
        }
        request.body.withUnsafeBytes { body in
            if let from = body.baseAddress, bodyCount > 0 { bodyStart.copyMemory(from: from, byteCount: bodyCount) }
        }
    }

    func request(from source: UnsafeRawBufferPointer) -> Request {
        let head = Array(source[..<headCount])
        let boundsEnd = headCount + boundCount * 4
        let bounds = [UInt32](unsafeUninitializedCapacity: boundCount) { buffer, count in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: source[headCount..<boundsEnd]))
            count = boundCount
        }
        return Request(
            method: String(decoding: head[method], as: UTF8.self), uri: String(decoding: head[target], as: UTF8.self),
            headers: Headers(raw: RawHeaderFields(bytes: head, bounds: bounds)),
            body: Array(source[boundsEnd..<boundsEnd + bodyCount]), bodyTooLarge: bodyTooLarge)
    }
}
