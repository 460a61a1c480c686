import Logging
import Synchronization

/// Everything a vendor emulator is given: injected time, randomness, state and I/O.
public final class EmulatorContext: Sendable {
    public let settings: Settings
    public let clock: MockClock
    public let ids: IdSource
    public let store: Store
    public let events: EventBus
    public let timers: any TimerScheduler
    public let callbacks: CallbackLog
    public let logger: Logger
    private let resetHandlers = Mutex<[@Sendable (String?) -> Void]>([])

    public init(
        settings: Settings = Settings(), clock: MockClock = MockClock(), ids: IdSource = IdSource(),
        store: Store = Store(), events: EventBus = EventBus(), timers: any TimerScheduler,
        outbound: any OutboundHTTPClient, logger: Logger = Logger(label: "ticketmock")
    ) {
        self.settings = settings
        self.clock = clock
        self.ids = ids
        self.store = store
        self.events = events
        self.timers = timers
        self.callbacks = CallbackLog(client: outbound, clock: clock, timeout: settings.callbackTimeout)
        self.logger = logger
    }

    /// Registers state to clear on `POST /_mock/reset` (the journal, fault counters, …). The handler
    /// gets the namespace being reset, or nil for all of them.
    public func onReset(_ handler: @escaping @Sendable (String?) -> Void) {
        resetHandlers.withLock { $0.append(handler) }
    }

    /// Clears tickets, counters, callbacks and everything registered with `onReset`.
    public func reset(namespace: String? = nil) {
        store.reset(namespace: namespace)
        callbacks.clear(namespace: namespace)
        if namespace == nil { ids.restart() }
        for handler in resetHandlers.withLock({ $0 }) { handler(namespace) }
    }
}
