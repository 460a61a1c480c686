import Testing

@testable import MockCore

@Suite struct IdSourceHexTextTests {
    /// Same text and same draws as `hex`, for counts within, at and across 16-digit words.
    @Test func spellsWhatHexSpells() {
        for count in [0, 1, 7, 15, 16, 17, 31, 32, 33, 96] {
            let a = IdSource(seed: 7), b = IdSource(seed: 7)
            for _ in 0..<20 { #expect(a.hexText("ns", count: count) == b.hex("ns", count: count)) }
            #expect(a.next("ns") == b.next("ns"))
        }
    }
}
