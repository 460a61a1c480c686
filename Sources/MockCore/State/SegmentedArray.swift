/// A growable array kept in fixed-size chunks, for a store that only ever grows (the tickets of a
/// namespace). An `Array` doubles by copying everything it holds into a new buffer: at a million
/// tickets that is hundreds of megabytes moved into freshly mapped pages while the partition's
/// lock is held (a 100–200 ms stall for every caller), and twice the memory for a moment. Here a
/// full chunk stays where it is and a new one is added, so appending costs the same at any size.
public struct SegmentedArray<Element>: RandomAccessCollection, MutableCollection {
    /// Elements per chunk, a power of two so a position splits into chunk and offset by shifts.
    @inlinable public static var chunkSize: Int { 1 << chunkShift }
    @inlinable static var chunkShift: Int { 12 }

    // Inlinable throughout (so a vendor module specializes it for its record type instead of
    // going through generic witness tables on every read), hence these are visible to it.
    @usableFromInline var chunks: [[Element]] = []
    @usableFromInline var storedCount = 0
    @inlinable public var count: Int { storedCount }

    @inlinable public init() {}

    @inlinable public init<Source: Sequence>(_ elements: Source) where Source.Element == Element {
        for element in elements { append(element) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storedCount }

    @inlinable public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < storedCount, "SegmentedArray index out of range")
            return chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
        }
        _modify {
            precondition(position >= 0 && position < storedCount, "SegmentedArray index out of range")
            yield &chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
        }
    }

    @inlinable public mutating func append(_ element: Element) {
        if storedCount & (Self.chunkSize - 1) == 0 {
            var chunk: [Element] = []
            // The first chunk grows as an array does, so a namespace with a few tickets stays
            // small; every later one is made at its full size once.
            if !chunks.isEmpty { chunk.reserveCapacity(Self.chunkSize) }
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        storedCount += 1
    }

    @inlinable public mutating func removeAll() {
        chunks = []
        storedCount = 0
    }
}

extension SegmentedArray: Sendable where Element: Sendable {}

extension SegmentedArray: ExpressibleByArrayLiteral {
    @inlinable public init(arrayLiteral elements: Element...) { self.init(elements) }
}
