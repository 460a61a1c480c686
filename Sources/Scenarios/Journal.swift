import MockCore
import Synchronization

/// One request and its answer, as `GET /_mock/requests` lists it.
public struct JournalEntry: Sendable {
    public var id: Int
    public var time: Timestamp
    public var namespace: String
    public var api: String
    let recorded: RecordedRequest
    public var status: Int
    public var durationMs: Double
    public var fault: String?

    /// The request as it came (body cut at 16 KiB); unpacked only when listed or matched.
    public var request: Request { recorded.request }

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
public final class Journal: Sendable {
    /// Ring and counters share one lock: each request takes it once.
    private struct State {
        var slots: [JournalEntry?]
        var next = 0
        var count = 0
        var lastId = 0
        var counters: [String: [Int: Int]] = [:]
    }

    public let capacity: Int
    private let state: Mutex<State>
    static let bodyLimit = 16 * 1024

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        state = Mutex(State(slots: Array(repeating: nil, count: max(0, capacity))))
    }

    public func record(
        _ request: Request, api: String, status: Int, durationMs: Double, fault: String?, time: Timestamp
    ) {
        guard capacity > 0 else {
            state.withLock { $0.counters[api, default: [:]][status, default: 0] += 1 }
            return
        }
        let entry = JournalEntry(
            id: 0, time: time, namespace: request.namespace, api: api,
            recorded: RecordedRequest(request, bodyLimit: Self.bodyLimit), status: status, durationMs: durationMs,
            fault: fault)
        let overwritten = state.withLock { state -> JournalEntry? in
            state.counters[api, default: [:]][status, default: 0] += 1
            state.lastId += 1
            let old = state.slots[state.next]
            state.slots[state.next] = entry
            state.slots[state.next]?.id = state.lastId
            state.next = (state.next + 1) % capacity
            state.count = min(state.count + 1, capacity)
            return old
        }
        _ = consume overwritten  // freed here, after the lock is released
    }

    /// Oldest first, optionally one namespace's.
    public func entries(namespace: String? = nil) -> [JournalEntry] {
        state.withLock { ring in
            var result: [JournalEntry] = []
            result.reserveCapacity(ring.count)
            let start = (ring.next - ring.count + capacity) % max(capacity, 1)
            for offset in 0..<ring.count {
                if let entry = ring.slots[(start + offset) % capacity], namespace == nil || entry.namespace == namespace {
                    result.append(entry)
                }
            }
            return result
        }
    }

    public func clear(namespace: String? = nil) {
        let kept = namespace == nil ? [] : entries().filter { $0.namespace != namespace }
        state.withLock { ring in
            ring.slots = Array(repeating: nil, count: capacity)
            ring.next = 0
            ring.count = 0
            for entry in kept {
                ring.slots[ring.next] = entry
                ring.next = (ring.next + 1) % capacity
                ring.count += 1
            }
            if namespace == nil { ring.counters = [:] }
        }
    }

    /// Requests answered, by API name and status, since start (or the last full reset).
    public var requestCounts: [String: [Int: Int]] { state.withLock { $0.counters } }

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
