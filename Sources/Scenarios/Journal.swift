import MockCore
import Synchronization

/// One request and its answer, as `GET /_mock/requests` lists it.
public struct JournalEntry: Sendable {
    public var id: Int
    public var time: Timestamp
    public var namespace: String
    public var api: String
    /// The request as it came, body cut at 16 KiB.
    public let request: Request
    public var status: Int
    public var durationMs: Double
    public var fault: String?

    public var facts: RequestFacts { RequestFacts(request, api: api) }

    public var json: JSON {
        let facts = self.facts
        let query = JSONObject(facts.query.map { (key: $0.name, value: JSON.string($0.value)) })
        let headers = JSONObject(facts.headers.map { (key: $0.name, value: JSON.string($0.value)) })
        let bodyText = String(decoding: facts.body, as: UTF8.self)
        return [
            "id": JSON(id), "time": .string(time.civil().iso8601(fractionDigits: 3)), "namespace": .string(namespace),
            "api": .string(facts.api), "method": .string(facts.method), "path": .string(facts.path), "query": .object(query),
            "headers": .object(headers), "body": (try? JSONParser.parse(facts.body)) ?? .string(bodyText),
            "status": JSON(status), "duration_ms": .double((durationMs * 1000).rounded() / 1000), "fault": JSON(fault),
        ]
    }
}

/// The bounded ring of recent requests (`--journal-size`), plus request counters for metrics.
///
/// Split into shards by sequence number, each with its own lock: the loop threads record on
/// every request, and one shared lock made them queue (futex waits showed in profiles). Each
/// shard keeps the newest of its own numbers, so together they hold the newest `capacity`.
public final class Journal: Sendable {
    private struct Shard {
        var slots: [JournalEntry?]
        var next = 0
        var counters: [String: [Int: Int]] = [:]
    }

    /// A lock can't sit in an array by value.
    private final class Locked: Sendable {
        let shard: Mutex<Shard>
        init(slots: Int) { shard = Mutex(Shard(slots: Array(repeating: nil, count: slots))) }
        func withLock<Result>(_ body: (inout Shard) -> Result) -> Result { shard.withLock { body(&$0) } }
    }

    public let capacity: Int
    private let shards: [Locked]
    private let lastId = Atomic<Int>(0)
    static let bodyLimit = 16 * 1024
    private static let shardCount = 8

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        // A few spare slots per shard: a request numbered just before another may reach its
        // shard just after it, and must still be among the newest kept.
        let perShard = self.capacity == 0 ? 0 : (self.capacity + Self.shardCount - 1) / Self.shardCount + 8
        shards = (0..<Self.shardCount).map { _ in Locked(slots: perShard) }
    }

    public func record(
        _ request: Request, api: String, status: Int, durationMs: Double, fault: String?, time: Timestamp
    ) {
        let id = lastId.add(1, ordering: .relaxed).newValue
        let shard = shards[id % Self.shardCount]
        guard capacity > 0 else {
            shard.withLock { $0.counters[api, default: [:]][status, default: 0] += 1 }
            return
        }
        let entry = JournalEntry(
            id: id, time: time, namespace: request.namespace, api: api,
            request: request.journaled(bodyLimit: Self.bodyLimit), status: status, durationMs: durationMs,
            fault: fault)
        let overwritten = shard.withLock { shard -> JournalEntry? in
            shard.counters[api, default: [:]][status, default: 0] += 1
            let old = shard.slots[shard.next]
            shard.slots[shard.next] = entry
            shard.next = (shard.next + 1) % shard.slots.count
            return old
        }
        _ = consume overwritten  // freed here, after the lock is released
    }

    /// Oldest first, optionally one namespace's.
    public func entries(namespace: String? = nil) -> [JournalEntry] {
        var all: [JournalEntry] = []
        for shard in shards {
            shard.withLock { all.append(contentsOf: $0.slots.lazy.compactMap { $0 }) }
        }
        all.sort { $0.id < $1.id }
        // Shards keep a little more than their share; the newest `capacity` are the journal.
        let newest = all.count > capacity ? Array(all.suffix(capacity)) : all
        guard let namespace else { return newest }
        return newest.filter { $0.namespace == namespace }
    }

    public func clear(namespace: String? = nil) {
        for shard in shards {
            shard.withLock { shard in
                var kept: [JournalEntry] = []
                if let namespace {
                    kept = shard.slots.compactMap { $0 }.filter { $0.namespace != namespace }
                    kept.sort { $0.id < $1.id }
                }
                shard.slots = Array(repeating: nil, count: shard.slots.count)
                shard.next = 0
                for entry in kept {
                    shard.slots[shard.next] = entry
                    shard.next = (shard.next + 1) % shard.slots.count
                }
                if namespace == nil { shard.counters = [:] }
            }
        }
    }

    /// Requests answered, by API name and status, since start (or the last full reset).
    public var requestCounts: [String: [Int: Int]] {
        var total: [String: [Int: Int]] = [:]
        for shard in shards {
            shard.withLock { shard in
                for (api, byStatus) in shard.counters {
                    for (status, count) in byStatus { total[api, default: [:]][status, default: 0] += count }
                }
            }
        }
        return total
    }

    /// The middleware that records every vendor request (admin calls are not journaled).
    public func middleware(clock: MockClock) -> RouteMiddleware {
        { [self] request, route, next in
            guard route.vendor != "admin" else { return next(request) }
            let started = ContinuousClock.now
            let response = next(request)
            let elapsed = ContinuousClock.now - started
            let ms =
                Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
                + Double(response.delay?.milliseconds ?? 0)
            record(
                request, api: route.api, status: response.status, durationMs: ms, fault: response.fault.map(Self.faultName),
                time: clock.now())
            return response
        }
    }

    static func faultName(_ fault: ConnectionFault) -> String {
        switch fault {
        case .reset: "reset"
        case .emptyResponse: "empty_response"
        case .garbage: "garbage"
        case .truncated: "truncated"
        case .dribble: "dribble"
        case .hang: "hang"
        }
    }
}

extension Request {
    /// The request as the journal keeps it: the body cut at `bodyLimit`, without the router's
    /// parameters or the peer's address, which the journal never shows. The header fields come
    /// from the transport as one raw buffer, so keeping them costs a reference, not a copy.
    func journaled(bodyLimit: Int) -> Request {
        Request(
            method: method, uri: uri, headers: headers, body: body.count > bodyLimit ? Array(body.prefix(bodyLimit)) : body,
            bodyTooLarge: bodyTooLarge)
    }
}
