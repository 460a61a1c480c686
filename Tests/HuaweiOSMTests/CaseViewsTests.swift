import Testing

@testable import HuaweiOSM

/// The detail's derived ids (huawei-osm.md §5.3 [mock]).
@Suite struct CaseViewsTests {
    // The description message's id: `00000000-` then the key as 24 hex digits, 4-4-4-12.
    @Test(arguments: [
        (Int64(0), "00000000-0000-0000-0000-000000000000"),
        (Int64(0x1234), "00000000-0000-0000-0000-000000001234"),
        (Int64(0x0123_4567_89ab_cdef), "00000000-0000-0000-0123-456789abcdef"),
        (Int64(-1), "00000000-0000-0000-ffff-ffffffffffff"),
    ])
    func firstMessageId(key: Int64, expected: String) {
        #expect(CaseViews.firstMessageId(key) == expected)
    }
}
