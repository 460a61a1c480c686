import MockCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One request and its answer, as `GET /_mock/requests` lists it.
public typealias JournalEntry = JournalRecord<Request>

/// A journaled request and its answer. A journal shard holds the request where it put it
/// (`StoredRequest`); the entries it hands out hold it as a `Request`.
public struct JournalRecord<Held: Sendable>: Sendable {
    public var id: Int
    public var time: Timestamp
    public var namespace: String
    public var api: String
    /// The request as it came, body cut at 16 KiB.
    public let request: Held
    public var status: Int
    public var durationMs: Double
    public var fault: String?

    /// The same entry, holding its request as `request`.
    func holding<Other>(_ request: Other) -> JournalRecord<Other> {
        JournalRecord<Other>(
            id: id, time: time, namespace: namespace, api: api, request: request, status: status, durationMs: durationMs,
            fault: fault)
    }
}

extension JournalRecord where Held == Request {
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
        /// An entry's request is in `requests`, at the entry's slot.
        var slots: [JournalRecord<StoredRequest>?]
        var requests: RequestSlots
        var next = 0
        var counts = RequestCounts()

        init(slots count: Int) {
            slots = Array(repeating: nil, count: count)
            requests = RequestSlots(count: count)
        }

        func entry(at slot: Int) -> JournalEntry? {
            slots[slot].map { $0.holding(requests.request($0.request, in: slot)) }
        }
    }

    /// A lock can't sit in an array by value.
    private final class Locked: Sendable {
        let shard: Mutex<Shard>
        init(slots: Int) { shard = Mutex(Shard(slots: slots)) }
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

    /// `apiIndex` is the route's place in its router's API names, when known: counting by it
    /// spares hashing the name on every request.
    public func record(
        _ request: Request, api: String, apiIndex: Int? = nil, status: Int, durationMs: Double, fault: String?,
        time: Timestamp
    ) {
        let id = lastId.add(1, ordering: .relaxed).newValue
        let shard = shards[id % Self.shardCount]
        guard capacity > 0 else {
            shard.withLock { $0.counts.add(api: api, index: apiIndex, status: status) }
            return
        }
        let namespace = request.namespace
        let replaced = shard.withLock { shard in
            shard.counts.add(api: api, index: apiIndex, status: status)
            let slot = shard.next
            shard.next = (slot + 1) % shard.slots.count
            var entry: JournalRecord<StoredRequest>? = JournalRecord(
                id: id, time: time, namespace: namespace, api: api,
                request: shard.requests.store(request, bodyLimit: Self.bodyLimit, in: slot), status: status,
                durationMs: durationMs, fault: fault)
            swap(&shard.slots[slot], &entry)  // moved in, not copied
            return entry
        }
        _ = consume replaced  // the overwritten one, freed here after the lock is released
    }

    /// Oldest first, optionally one namespace's.
    public func entries(namespace: String? = nil) -> [JournalEntry] {
        var all: [JournalEntry] = []
        for shard in shards {
            shard.withLock { shard in all.append(contentsOf: shard.slots.indices.lazy.compactMap(shard.entry(at:))) }
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
                    kept = shard.slots.indices.compactMap(shard.entry(at:)).filter { $0.namespace != namespace }
                    kept.sort { $0.id < $1.id }
                }
                shard.slots = Array(repeating: nil, count: shard.slots.count)
                shard.next = 0
                // Kept as values of their own: the slots they are moved to are about to be reused.
                for entry in kept {
                    shard.slots[shard.next] = entry.holding(StoredRequest.request(entry.request))
                    shard.next = (shard.next + 1) % shard.slots.count
                }
                if namespace == nil { shard.counts = RequestCounts() }
            }
        }
    }

    /// Requests answered, by API name and status, since start (or the last full reset).
    public var requestCounts: [String: [Int: Int]] {
        var total: [String: [Int: Int]] = [:]
        for shard in shards {
            shard.withLock { $0.counts.add(to: &total) }
        }
        return total
    }

    /// The middleware that records every vendor request (admin calls are not journaled).
    public func middleware(clock: MockClock) -> RouteMiddleware { JournalLayer(journal: self, clock: clock) }

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

/// Times each vendor request and records it with its answer.
private final class JournalLayer: RouteLayer {
    let journal: Journal
    let clock: MockClock

    init(journal: Journal, clock: MockClock) {
        self.journal = journal
        self.clock = clock
    }

    func respond(to request: Request, route: Route, next: RouteNext) -> Response {
        guard route.vendor != "admin" else { return next(request) }
        let started = Self.monotonicNanoseconds()
        let response = next(request)
        let ms =
            Double(Self.monotonicNanoseconds() - started) / 1e6 + Double(response.delay?.milliseconds ?? 0)
        journal.record(
            request, api: route.api, apiIndex: route.apiIndex, status: response.status, durationMs: ms,
            fault: response.fault.map(Journal.faultName), time: clock.now())
        return response
    }

    /// Read straight from the clock: ContinuousClock's Duration arithmetic cost several times the call.
    private static func monotonicNanoseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return spec.tv_sec * 1_000_000_000 + spec.tv_nsec
    }
}

/// Requests answered, by API and status. APIs with a router index sit at that index, so counting
/// one costs an array access and a short scan of its statuses; others are found by name.
private struct RequestCounts {
    private struct APICount {
        let api: String
        var statuses: [(status: Int, count: Int)] = []

        mutating func add(_ status: Int) {
            if let index = statuses.firstIndex(where: { $0.status == status }) {
                statuses[index].count += 1
            } else {
                statuses.append((status, 1))
            }
        }
    }

    private var byIndex: [APICount?] = []
    private var byName: [APICount] = []

    mutating func add(api: String, index: Int?, status: Int) {
        if let index {
            if index >= byIndex.count { byIndex += repeatElement(nil, count: index + 1 - byIndex.count) }
            if byIndex[index] == nil { byIndex[index] = APICount(api: api) }
            // Another router may number its APIs differently: the name decides.
            if byIndex[index]?.api == api { return byIndex[index]!.add(status) }
        }
        if let found = byName.firstIndex(where: { $0.api == api }) {
            byName[found].add(status)
        } else {
            byName.append(APICount(api: api, statuses: [(status, 1)]))
        }
    }

    func add(to total: inout [String: [Int: Int]]) {
        for counted in byIndex.compactMap({ $0 }) + byName {
            for (status, count) in counted.statuses { total[counted.api, default: [:]][status, default: 0] += count }
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
