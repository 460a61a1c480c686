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
    /// Slot `i` is `bytes[i * slotBytes ..< (i + 1) * slotBytes]`, made when first used.
    private var bytes: [UInt8] = []

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
        let end = (slot + 1) * Self.slotBytes
        if bytes.count < end { bytes.append(contentsOf: repeatElement(0, count: end - bytes.count)) }
        bytes.withUnsafeMutableBytes { all in
            layout.write(request, fields, into: UnsafeMutableRawBufferPointer(rebasing: all[(end - Self.slotBytes)...]))
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
    init?(_ request: Request, fields: RawHeaderFields, bodyLimit: Int) {
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
        var offset = 0
        func append(_ source: UnsafeRawBufferPointer) {
            UnsafeMutableRawBufferPointer(rebasing: destination[offset..<offset + source.count]).copyMemory(from: source)
            offset += source.count
        }
        fields.bytes.withUnsafeBytes(append)
        fields.withBounds { append(UnsafeRawBufferPointer($0)) }
        request.body.withUnsafeBytes { append(UnsafeRawBufferPointer(rebasing: $0[..<bodyCount])) }
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
