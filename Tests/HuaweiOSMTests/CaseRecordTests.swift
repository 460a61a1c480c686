import Testing
@testable import HuaweiOSM

// huawei-osm.md §9: `CS` + yyyyMMdd + daily counter.
@Suite struct CaseRecordTests {
    @Test func idsRoundTrip() {
        let key = CaseId.key(date: 20250624, counter: 1)
        #expect(CaseId.format(key) == "CS20250624000001")
        #expect(CaseId.parse("CS20250624000001") == key)
        #expect(CaseId.format(CaseId.key(date: 20250624, counter: 1_234_567)) == "CS202506241234567")
        #expect(CaseId.parse("CS202506241234567") == CaseId.key(date: 20250624, counter: 1_234_567))
    }

    @Test func malformedIdsAreUnknown() {
        for text in [
            "", "123", "CS2025062400001", "CS2025062400000x", "cs20250624000001", "CS20250624000001 ", "CS202506240000001",
        ] {
            #expect(CaseId.parse(text) == nil, "\(text)")
        }
    }

    /// The byte-level speller and parser agree on every counter width, and a leading zero in a
    /// long counter or a non-digit there is refused.
    @Test func idsSpelledAndParsedInPlace() {
        for counter: Int64 in [0, 1, 99_999, 100_000, 999_999, 1_000_000, 12_345_678, 99_999_999] {
            let key = CaseId.key(date: 20_261_123, counter: counter)
            let text = CaseId.format(key)
            #expect(text.utf8.count == 10 + max(6, String(counter).count))
            #expect(CaseId.parse(text) == key, "\(text)")
        }
        #expect(CaseId.parse("CS20261123x000001") == nil)
        #expect(CaseId.parse("CS20261123-123456") == nil)
        #expect(CaseId.parse("CS2026112301234567") == nil)
    }

    /// The first message's id: the case key in hex, right-aligned in a zero uuid.
    @Test func firstMessageIdIsTheKeyInHex() {
        #expect(CaseViews.firstMessageId(0) == "00000000-0000-0000-0000-000000000000")
        #expect(CaseViews.firstMessageId(0x1_2345_6789_abcd) == "00000000-0000-0000-0001-23456789abcd")
        #expect(CaseViews.firstMessageId(-1) == "00000000-0000-0000-ffff-ffffffffffff")
    }

    @Test func recordStaysCompact() {
        #expect(MemoryLayout<CaseRecord>.stride <= 160)
    }
}
