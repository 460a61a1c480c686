import Synchronization

/// One outbound callback attempt, as `GET /_mock/callbacks` lists it.
public struct CallbackAttempt: Sendable {
    public var id: Int
    public var namespace: String
    public var vendor: String
    public var ticketId: String
    public var url: String
    public var headers: Headers
    public var payload: JSON
    public var sentAt: Timestamp
    public var status: Int?
    public var responseBody: String?
    public var error: String?
    /// `pending`, `succeeded` or `failed`.
    public var outcome: String

    public var json: JSON {
        [
            "id": JSON(id), "namespace": .string(namespace), "vendor": .string(vendor),
            "ticket": .string(ticketId), "url": .string(url),
            "headers": .object(JSONObject(headers.map { (key: $0.name, value: JSON.string($0.value)) })),
            "payload": payload, "sent_at": .string(sentAt.civil().iso8601(fractionDigits: 3)),
            "status": status.map { JSON($0) } ?? .null, "response": JSON(responseBody), "error": JSON(error),
            "outcome": .string(outcome),
        ]
    }
}

/// Sends callbacks on the transport's loops and remembers every attempt.
public final class CallbackLog: Sendable {
    private let attempts = Mutex<[CallbackAttempt]>([])
    private let client: any OutboundHTTPClient
    private let clock: MockClock
    private let timeout: Duration
    private let limit = 10_000

    public init(client: any OutboundHTTPClient, clock: MockClock, timeout: Duration) {
        self.client = client
        self.clock = clock
        self.timeout = timeout
    }

    /// POSTs `payload` (as `body` when the vendor serialises it its own way); `succeeded` decides from
    /// the answer whether the vendor counts it delivered, and `completion` then runs on a loop thread.
    public func post(
        namespace: String, vendor: String, ticketId: String, url: String, headers: Headers, payload: JSON,
        body: [UInt8]? = nil,
        succeeded: @escaping @Sendable (OutboundResult) -> Bool,
        completion: @escaping @Sendable (Bool) -> Void = { _ in }
    ) {
        let id = attempts.withLock { list in
            let attempt = CallbackAttempt(
                id: (list.last?.id ?? 0) + 1, namespace: namespace, vendor: vendor, ticketId: ticketId, url: url,
                headers: headers, payload: payload, sentAt: clock.now(), outcome: "pending")
            list.append(attempt)
            if list.count > limit { list.removeFirst(list.count - limit) }
            return attempt.id
        }
        var sendHeaders = headers
        if sendHeaders["Content-Type"] == nil { sendHeaders.add("Content-Type", "application/json") }
        client.send(method: "POST", url: url, headers: sendHeaders, body: body ?? payload.jsonBytes, timeout: timeout) {
            [self] result in
            let ok = succeeded(result)
            self.attempts.withLock { list in
                guard let index = list.firstIndex(where: { $0.id == id }) else { return }
                list[index].status = result.status
                list[index].responseBody = String(decoding: result.body.prefix(4096), as: UTF8.self)
                list[index].error = result.error
                list[index].outcome = ok ? "succeeded" : "failed"
            }
            completion(ok)
        }
    }

    public func list(namespace: String? = nil) -> [CallbackAttempt] {
        attempts.withLock { list in namespace.map { ns in list.filter { $0.namespace == ns } } ?? list }
    }

    public func clear(namespace: String? = nil) {
        attempts.withLock { list in
            if let namespace { list.removeAll { $0.namespace == namespace } } else { list.removeAll() }
        }
    }
}
