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

    @Test func recordStaysCompact() {
        #expect(MemoryLayout<CaseRecord>.stride <= 160)
    }
}
