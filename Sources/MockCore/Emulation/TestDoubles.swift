import Synchronization

/// Timers that fire only when told to: for tests and for running without a transport.
public final class ManualTimers: TimerScheduler {
    private struct Pending { var due: Duration; var work: @Sendable () -> Void }
    private let state = Mutex<(now: Duration, pending: [Pending])>((.zero, []))

    public init() {}

    public func schedule(after delay: Duration, _ work: @escaping @Sendable () -> Void) {
        state.withLock { $0.pending.append(Pending(due: $0.now + delay, work: work)) }
    }

    public func repeating(every interval: Duration, _ work: @escaping @Sendable () -> Void) {}

    /// Moves this scheduler's time on and runs whatever fell due, in due order.
    public func advance(by duration: Duration) {
        let due: [Pending] = state.withLock { s in
            s.now += duration
            let now = s.now
            let ready = s.pending.filter { $0.due <= now }.sorted { $0.due < $1.due }
            s.pending.removeAll { $0.due <= now }
            return ready
        }
        for item in due { item.work() }
    }

    public var pendingCount: Int { state.withLock { $0.pending.count } }
}

/// An outbound client that records requests and answers them from a closure, synchronously.
public final class RecordingOutbound: OutboundHTTPClient {
    public struct Sent: Sendable { public var method, url: String; public var headers: Headers; public var body: [UInt8] }
    private let sent = Mutex<[Sent]>([])
    private let answer: @Sendable (Sent) -> OutboundResult

    public init(
        answer: @escaping @Sendable (Sent) -> OutboundResult = { _ in
            OutboundResult(status: 200, body: Array(#"{"code":0,"result":true}"#.utf8), error: nil)
        }
    ) {
        self.answer = answer
    }

    public func send(
        method: String, url: String, headers: Headers, body: [UInt8], timeout: Duration,
        completion: @escaping @Sendable (OutboundResult) -> Void
    ) {
        let request = Sent(method: method, url: url, headers: headers, body: body)
        sent.withLock { $0.append(request) }
        completion(answer(request))
    }

    public var requests: [Sent] { sent.withLock { $0 } }
}
