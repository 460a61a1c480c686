import Testing

@testable import MockCore

@Suite struct ScratchStackTests {
    private final class Tracked {}

    @Test func popMovesOutTheTopElementsAndGrowsPastItsCapacity() {
        var stack = ScratchStack<String>(capacity: 2)
        for number in 0..<5 { stack.push("item \(number)") }
        #expect(stack.pop(from: 3) == ["item 3", "item 4"])
        #expect(stack.count == 3)
        #expect(stack.pop(from: 3) == [])
        stack[1] = "changed"
        #expect(stack[1] == "changed")
        #expect(stack.pop(from: 0) == ["item 0", "changed", "item 2"])
    }

    @Test func popLastMovesOutTheTopElement() {
        var stack = ScratchStack<String>(capacity: 1)
        stack.push("first")
        stack.push("second")
        #expect(stack.popLast() == "second")
        #expect(stack.count == 1)
        #expect(stack.popLast() == "first")
        #expect(stack.count == 0)
    }

    @Test func removedAndLeftElementsAreReleased() {
        weak var removed: Tracked?
        weak var left: Tracked?
        do {
            var stack = ScratchStack<Tracked>(capacity: 1)
            let first = Tracked()
            let second = Tracked()
            removed = second
            left = first
            stack.push(first)
            stack.push(second)
            stack.remove(from: 1)
            #expect(stack.count == 1)
        }
        #expect(removed == nil)
        #expect(left == nil)
    }
}
