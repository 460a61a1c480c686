import Testing

@testable import MockCore

@Suite struct IdSourceGoldenTests {
    /// Seeded ids are part of what users pin in their tests: these values must never change.
    @Test func seededSequencesAreStable() {
        let ids = IdSource(seed: 1)
        #expect(ids.uuid("default") == "2d547902-f357-495f-ba75-fb97a57d9374")
        #expect(ids.hex("default", count: 20) == "ee694eef1340bed1f06a")
        #expect(ids.digits("default", count: 8) == "86840833")
        #expect(ids.hex("t1", count: 5) == "e4a26")
    }

    @Test func partialWordsUseOneDrawEach() {
        let a = IdSource(seed: 9), b = IdSource(seed: 9)
        #expect(a.hex("n", count: 17) == b.hex("n", count: 16) + String(b.hex("n", count: 1)))
        #expect(a.hex("n", count: 0) == "")
    }
}
