import Synchronization

/// Results of a pure computation on a key, kept for keys that repeat on every request (a
/// credential header parsed, a signing key derived). Only the look-up and the insert hold the
/// lock, never the computation, so the event loops don't wait on each other's work. Bounded:
/// when full it starts over (clients reuse a handful of credentials; a flood of distinct ones
/// just stops hitting).
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    // Inlinable look-up (so a client module specializes it for its key and value types instead
    // of going through generic metadata on every hit), hence these are visible to it.
    @usableFromInline let entries = Mutex<[Key: Value]>([:])
    @usableFromInline let limit: Int

    public init(limit: Int = 64) {
        precondition(limit > 0)
        self.limit = limit
    }

    /// The cached value for `key`, or `compute(key)` stored and returned. A thrown error is not cached.
    @inlinable
    public func value<Failure: Error>(
        for key: Key, compute: (Key) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        try value(for: key, isCurrent: { _ in true }, compute: compute)
    }

    /// `value(for:compute:)` for values that can go stale: a cached value that `isCurrent`
    /// rejects is computed again and replaced. `isCurrent` runs outside the lock.
    @inlinable
    public func value<Failure: Error>(
        for key: Key, isCurrent: (Value) -> Bool, compute: (Key) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        if let hit = entries.withLock({ $0[key] }), isCurrent(hit) { return hit }
        let value = try compute(key)
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }

    public var count: Int { entries.withLock { $0.count } }
}
