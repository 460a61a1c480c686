import Synchronization

/// One vendor's state in one namespace. Implementations guard their own data (usually a Mutex),
/// so two vendors or two namespaces never wait on each other.
public protocol PartitionState: AnyObject, Sendable {}

/// `store[namespace][vendor]`, created lazily, like moto's BackendDict.
public final class Store: Sendable {
    private struct Key: Hashable {
        var namespace: String, vendor: String

        /// The namespace alone: the vendors are a handful of names, and every request looks a
        /// partition up (equal keys still compare both).
        func hash(into hasher: inout Hasher) { hasher.combine(namespace) }
    }
    private let partitions = Mutex<[Key: any PartitionState]>([:])

    public init() {}

    /// The partition of `vendor` in `namespace`, made by `create` the first time it is asked for.
    public func partition<State: PartitionState>(
        vendor: String, namespace: String, as type: State.Type = State.self, create: () -> State
    ) -> State {
        partitions.withLock { all in
            let key = Key(namespace: namespace, vendor: vendor)
            // The type compared by identity, then the reference cast without a dynamic cast's search.
            if let existing = all[key], ObjectIdentifier(Swift.type(of: existing)) == ObjectIdentifier(State.self) {
                return unsafeDowncast(existing, to: State.self)
            }
            let made = create()
            all[key] = made
            return made
        }
    }

    /// The partitions of one vendor that exist now, by namespace.
    public func existingPartitions<State: PartitionState>(vendor: String, as type: State.Type = State.self) -> [String: State] {
        partitions.withLock { all in
            var found: [String: State] = [:]
            for (key, value) in all where key.vendor == vendor {
                if let state = value as? State { found[key.namespace] = state }
            }
            return found
        }
    }

    public var namespaces: [String] {
        partitions.withLock { Array(Set($0.keys.map(\.namespace))).sorted() }
    }

    /// Drops every partition (or those of one namespace); they are made afresh, with their seed data, on next use.
    public func reset(namespace: String? = nil) {
        partitions.withLock { all in
            if let namespace { all = all.filter { $0.key.namespace != namespace } } else { all = [:] }
        }
    }
}
