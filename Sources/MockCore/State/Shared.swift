/// A value kept in one immutable box: copying it retains the box once, not each string and
/// array inside, and changing a copy puts the changed value in a new box.
///
/// For definitions that every request reads on both loop threads at once: a BlueKing workflow
/// has a dozen counted parts, and each count a copy took was an atomic write to a cache line the
/// other core was writing too.
@dynamicMemberLookup
public struct Shared<Value: Sendable>: Sendable {
    @usableFromInline
    final class Box: Sendable {
        // `let`: read without exclusivity checks; a change makes a new box.
        @usableFromInline let value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    @inlinable public init(_ value: Value) { box = Box(value) }

    // Read accessors lend the boxed value in place rather than returning a copy of it.
    @inlinable public var value: Value {
        _read { yield box.value }
        set { box = Box(newValue) }
    }

    @inlinable public subscript<Part>(dynamicMember path: KeyPath<Value, Part>) -> Part {
        _read { yield box.value[keyPath: path] }
    }

    @inlinable public subscript<Part>(dynamicMember path: WritableKeyPath<Value, Part>) -> Part {
        _read { yield box.value[keyPath: path] }
        set {
            var changed = box.value
            changed[keyPath: path] = newValue
            box = Box(changed)
        }
    }
}
