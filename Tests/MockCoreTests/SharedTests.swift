import Testing

@testable import MockCore

@Suite struct SharedTests {
    struct Definition: Sendable, Equatable {
        var name: String
        var steps: [Int]
    }

    @Test func copiesShareOneBoxUntilOneChanges() {
        let original = Shared(Definition(name: "flow", steps: [1, 2]))
        var copy = original
        #expect(copy.box === original.box)
        copy.steps.append(3)
        #expect(copy.box !== original.box)
        #expect(original.value == Definition(name: "flow", steps: [1, 2]))
        #expect(copy.value == Definition(name: "flow", steps: [1, 2, 3]))
        #expect(copy.name == "flow")
    }

    @Test func settingTheWholeValueLeavesOtherCopiesAlone() {
        let original = Shared(Definition(name: "a", steps: []))
        var copy = original
        copy.value = Definition(name: "b", steps: [9])
        #expect(original.name == "a")
        #expect(copy.name == "b")
        #expect(copy.steps == [9])
    }
}
