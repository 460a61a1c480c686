/// The elements of the containers being parsed, innermost last. A container's elements are pushed
/// here and moved out into an array of exactly their number when it closes: no array grows (and
/// reallocates) element by element, and moving copies no reference counts.
struct ScratchStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// The element at `index`, read and written in place.
    subscript(index: Int) -> Element {
        unsafeAddress { UnsafePointer(base + index) }
        unsafeMutableAddress { base + index }
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Moves the last element out.
    mutating func popLast() -> Element {
        count -= 1
        return (base + count).move()
    }

    /// Moves the elements from `start` on into a new array, leaving the ones before `start`.
    mutating func pop(from start: Int) -> [Element] {
        // Not `Array(unsafeUninitializedCapacity:)`: its allocation is not specialized here, and
        // looking up the storage type at run time costs more than appending the elements one by one.
        var array: [Element] = []
        array.reserveCapacity(count - start)
        for index in start..<count { array.append((base + index).move()) }
        count = start
        return array
    }

    /// Drops the elements from `start` on.
    mutating func remove(from start: Int) {
        (base + start).deinitialize(count: count - start)
        count = start
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
