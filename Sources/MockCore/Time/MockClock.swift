import Synchronization

/// The emulator's clock: real time, real time shifted, or frozen. Every timestamp and lifecycle
/// delay reads it, so tests can freeze or advance time instead of sleeping.
public final class MockClock: Sendable {
    public enum Mode: Sendable, Equatable {
        /// Real time plus an offset (zero by default).
        case running(offset: Duration)
        case frozen(at: Timestamp)
    }

    private let mode: Mutex<Mode>
    /// Whether the mode is plain real time, read without the lock: both loop threads ask for the
    /// time on every request, and almost always nothing is shifted or frozen.
    private let isRealTime = Atomic<Bool>(true)
    private let realNow: @Sendable () -> Timestamp
    private let advanceObservers = Mutex<[@Sendable () -> Void]>([])

    public init(realNow: @escaping @Sendable () -> Timestamp = Timestamp.systemNow) {
        self.realNow = realNow
        mode = Mutex(.running(offset: .zero))
    }

    public func now() -> Timestamp {
        if isRealTime.load(ordering: .acquiring) { return realNow() }
        return switch mode.withLock({ $0 }) {
        case .running(let offset): realNow() + offset
        case .frozen(let at): at
        }
    }

    public var currentMode: Mode { mode.withLock { $0 } }

    public func freeze(at time: Timestamp? = nil) {
        let at = time ?? now()
        set(.frozen(at: at))
        notify()
    }

    /// Keeps running from `time` on.
    public func run(from time: Timestamp) {
        let offset = time - realNow()
        set(.running(offset: offset))
        notify()
    }

    public func advance(by duration: Duration) {
        mode.withLock {
            switch $0 {
            case .running(let offset): $0 = .running(offset: offset + duration)
            case .frozen(let at): $0 = .frozen(at: at + duration)
            }
            isRealTime.store($0 == .running(offset: .zero), ordering: .releasing)
        }
        notify()
    }

    private func set(_ newMode: Mode) {
        mode.withLock {
            $0 = newMode
            isRealTime.store(newMode == .running(offset: .zero), ordering: .releasing)
        }
    }

    /// Back to the system clock.
    public func useRealTime() {
        set(.running(offset: .zero))
        notify()
    }

    /// Called after every change (lifecycle steps that became due run then).
    public func onChange(_ observer: @escaping @Sendable () -> Void) {
        advanceObservers.withLock { $0.append(observer) }
    }

    private func notify() {
        for observer in advanceObservers.withLock({ $0 }) { observer() }
    }
}
