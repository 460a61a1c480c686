/// Where JSON bytes go: an array (`JSONWriter.write(_:into:)`), a `ByteSink` or a `JSONStream`'s
/// `SharedByteSink`.
protocol ByteOutput: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Lets `write` fill up to `extra` bytes in place; it returns how many it wrote, and so does this.
    @discardableResult
    mutating func write(atMost extra: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) -> Int
}

extension ByteOutput where Self: ~Copyable {
    @inline(__always)
    mutating func append(_ text: StaticString) {
        appendBytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { appendBytes($0) }
    }
}

extension Array: ByteOutput where Element == UInt8 {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }

    /// Rarely used (the writer's hot paths write to the sinks below), so simply: zeros, then cut.
    mutating func write(atMost extra: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) -> Int {
        let start = count
        append(contentsOf: repeatElement(0, count: extra))
        let written = withUnsafeMutableBufferPointer { write($0.baseAddress.unsafelyUnwrapped + start) }
        removeLast(extra - written)
        return written
    }
}

/// A growable buffer written through a raw pointer. A JSON answer is hundreds of tiny appends, and
/// an array's uniqueness and capacity bookkeeping on each one cost more than the bytes themselves.
struct ByteSink: ~Copyable, ByteOutput {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toFit: 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if capacity - count < bytes.count { grow(toFit: bytes.count) }
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func write(atMost extra: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) -> Int {
        if capacity - count < extra { grow(toFit: extra) }
        let written = write(base + count)
        count += written
        return written
    }

    private mutating func grow(toFit extra: Int) {
        let larger = max(count + extra, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// The bytes written, in an array of exactly their size (answers may be stored).
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }
}

/// The bytes of a `JSONStream`, in an array that copies of the stream share until one writes.
/// The array is kept longer than what is written, so that a write is a store through a pointer
/// (an array append checks capacity and runs the generic sequence copy each time).
struct SharedByteSink: ByteOutput {
    /// The bytes written, then room for more. The room is not zeroed (a `memset` of the whole
    /// capacity costs more than most answers' writes): each byte of it is written before it is read.
    private var storage: [UInt8]
    private(set) var count = 0

    init(capacity: Int) {
        storage = Self.storage(capacity: max(capacity, 16), startingWith: UnsafeBufferPointer(start: nil, count: 0))
    }

    private static func storage(capacity: Int, startingWith written: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        Array(unsafeUninitializedCapacity: capacity) { buffer, initialized in
            if let source = written.baseAddress {
                buffer.baseAddress.unsafelyUnwrapped.initialize(from: source, count: written.count)
            }
            initialized = capacity
        }
    }

    /// Room for `extra` more bytes, and `write` given the start of the storage.
    @inline(__always)
    private mutating func withRoom<Result>(for extra: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Result) -> Result {
        if storage.count - count < extra { grow(toFit: extra) }
        return storage.withUnsafeMutableBufferPointer { write($0.baseAddress.unsafelyUnwrapped) }
    }

    private mutating func grow(toFit extra: Int) {
        let capacity = max(count + extra, storage.count * 2)
        storage = storage.withUnsafeBufferPointer {
            Self.storage(capacity: capacity, startingWith: UnsafeBufferPointer(rebasing: $0[..<count]))
        }
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        withRoom(for: 1) { [count] in $0[count] = byte }
        count += 1
    }

    @inline(__always)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        withRoom(for: bytes.count) { [count] in ($0 + count).update(from: source, count: bytes.count) }
        count += bytes.count
    }

    @inline(__always)
    mutating func write(atMost extra: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) -> Int {
        let written = withRoom(for: extra) { [count] in write($0 + count) }
        count += written
        return written
    }

    /// Appends a copy of bytes already written.
    mutating func appendCopy(of range: Range<Int>) {
        withRoom(for: range.count) { [count] in ($0 + count).update(from: $0 + range.lowerBound, count: range.count) }
        count += range.count
    }

    /// The bytes written: the spare room is cut off and the array handed over, not copied.
    mutating func take() -> [UInt8] {
        storage.removeLast(storage.count - count)
        return storage
    }
}
