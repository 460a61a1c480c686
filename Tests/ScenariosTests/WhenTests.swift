import MockCore
import Testing

@testable import Scenarios

@Suite struct WhenTests {
    let t0 = Timestamp(seconds: 1_000_000)

    func firing(_ when: WhenCondition, calls: ClosedRange<Int> = 1...10, random: @escaping () -> Double = { 0.5 }) -> [Int] {
        var fired = 0
        return calls.filter { call in
            let fires = when.fires(call: call, firedBefore: fired, now: t0, loadedAt: t0, random: random)
            if fires { fired += 1 }
            return fires
        }
    }

    @Test func callNumbersEveryAfterAndTimes() {
        var when = WhenCondition()
        #expect(firing(when) == Array(1...10))
        when.calls = [2, 3]
        #expect(firing(when) == [2, 3])
        when = WhenCondition()
        when.every = 3
        #expect(firing(when) == [3, 6, 9])
        when.afterCalls = 3
        #expect(firing(when) == [6, 9])
        when = WhenCondition()
        when.afterCalls = 7
        when.times = 2
        #expect(firing(when) == [8, 9])
    }

    @Test func probabilityUsesTheSeededStream() {
        var when = WhenCondition()
        when.probability = 0.3
        func run() -> [Int] {
            let ids = IdSource(seed: 11)
            return firing(when, calls: 1...200) { ids.unit("ns#faults") }
        }
        let first = run()
        #expect(first == run())
        #expect((30...90).contains(first.count))
        when.probability = 0
        #expect(firing(when).isEmpty)
        when.probability = 1
        #expect(firing(when).count == 10)
    }

    @Test func windowsAreRelativeToLoadingOrAbsolute() {
        let window = TimeWindow(from: .relative(.seconds(10)), until: .relative(.seconds(20)))
        #expect(!window.contains(t0 + .seconds(9), loadedAt: t0))
        #expect(window.contains(t0 + .seconds(10), loadedAt: t0))
        #expect(!window.contains(t0 + .seconds(20), loadedAt: t0))
        let absolute = TimeWindow(from: .absolute(t0), until: nil)
        #expect(absolute.contains(t0 + .seconds(3600), loadedAt: t0 + .seconds(99_999)))
        #expect(!absolute.contains(t0 + .seconds(-1), loadedAt: t0))
    }

    @Test func delaysStayInTheirBounds() {
        let ids = IdSource(seed: 5)
        let random = { ids.unit("d") }
        #expect(DelaySpec.fixed(.milliseconds(250)).sample(random) == .milliseconds(250))
        for _ in 0..<200 {
            let uniform = DelaySpec.uniform(min: .milliseconds(100), max: .milliseconds(300)).sample(random)
            #expect(uniform >= .milliseconds(100) && uniform <= .milliseconds(300))
            let lognormal = DelaySpec.lognormal(median: .milliseconds(800), sigma: 2, cap: .seconds(2)).sample(random)
            #expect(lognormal >= .zero && lognormal <= .seconds(2))
        }
    }
}
