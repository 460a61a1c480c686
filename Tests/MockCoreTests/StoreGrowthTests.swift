import Testing

@testable import MockCore

/// The containers a vendor store grows in: chunked ticket arrays and the position index.
@Suite struct SegmentedArrayTests {
    /// Across chunk boundaries it holds what an Array holds, in the same order.
    @Test func matchesAnArrayAcrossChunks() {
        let count = SegmentedArray<Int>.chunkSize * 2 + 3
        var segmented = SegmentedArray<Int>()
        for value in 0..<count { segmented.append(value * 7) }
        #expect(segmented.count == count)
        #expect(Array(segmented) == (0..<count).map { $0 * 7 })
        #expect(segmented[SegmentedArray<Int>.chunkSize] == SegmentedArray<Int>.chunkSize * 7)
        #expect(segmented.last == (count - 1) * 7)
        #expect(Array(segmented.indices.reversed().prefix(2)) == [count - 1, count - 2])
    }

    /// Elements change in place through the subscript, in any chunk, and nothing else moves.
    @Test func changesElementsInPlace() {
        var segmented = SegmentedArray<[String]>((0..<5000).map { ["\($0)"] })
        segmented[4999].append("last")
        segmented[10] = ["ten"]
        segmented[4096][0] += "!"
        #expect(segmented[4999] == ["4999", "last"])
        #expect(segmented[10] == ["ten"])
        #expect(segmented[4096] == ["4096!"])
        #expect(segmented[4095] == ["4095"])
        #expect(segmented.count { $0.count == 2 } == 1)
    }

    /// A copy is a value: changing it leaves the original as it was (copy on write per chunk).
    @Test func copiesAreIndependent() {
        var original: SegmentedArray<Int> = [1, 2, 3]
        var copy = original
        copy[1] = 20
        copy.append(4)
        #expect(Array(original) == [1, 2, 3])
        #expect(Array(copy) == [1, 20, 3, 4])
        original.removeAll()
        #expect(original.isEmpty && copy.count == 4)
        original.append(9)
        #expect(Array(original) == [9])
    }
}

@Suite struct PositionIndexTests {
    /// Records keyed by sequential numbers (the worst case for a weak hash), found through growths.
    @Test func findsEveryPositionThroughGrowth() {
        var keys: [UInt64] = []
        var index = PositionIndex()
        for key in stride(from: UInt64(20_261_123_000_001), to: 20_261_123_050_001, by: 1) {
            keys.append(key)
            index.insert(keys.count - 1, hash: key)
        }
        for (position, key) in keys.enumerated() {
            #expect(index.find(hash: key) { keys[$0] == key } == position)
        }
        #expect(index.find(hash: 1) { keys[$0] == 1 } == nil)
        #expect(PositionIndex().find(hash: 5) { _ in true } == nil)
    }

    /// `upsert` points a repeated key at its newest record and adds a new key.
    @Test func upsertPointsAtTheNewestRecord() {
        var keys: [UInt64] = [10, 11, 12]
        var index = PositionIndex()
        for position in keys.indices {
            let all = keys
            index.upsert(position, hash: keys[position]) { all[$0] == all[position] }
        }
        keys.append(11)
        let all = keys
        index.upsert(3, hash: 11) { all[$0] == 11 }
        #expect(index.find(hash: 11) { keys[$0] == 11 } == 3)
        #expect(index.find(hash: 10) { keys[$0] == 10 } == 0)
        #expect(index.find(hash: 12) { keys[$0] == 12 } == 2)
    }

    /// A removed record's slot stays: look-ups skip it (its `matches` fails), also after growth,
    /// and the records after it are still found.
    @Test func removedRecordsAreSkipped() {
        var keys: [UInt64?] = []
        var index = PositionIndex()
        for key in UInt64(1)...8 {
            keys.append(key)
            index.insert(keys.count - 1, hash: key)
        }
        keys[2] = nil
        for key in UInt64(9)...200 {
            keys.append(key)
            index.insert(keys.count - 1, hash: key)
        }
        #expect(index.find(hash: 3) { keys[$0] == 3 } == nil)
        #expect(index.find(hash: 150) { keys[$0] == 150 } == 149)
        #expect(index.find(hash: 4) { keys[$0] == 4 } == 3)
    }
}
