import Synchronization
import Testing

@testable import MockCore

@Suite struct EventBusTests {
    @Test func aBusNobodyIsInterestedInNeitherAsksNorBuildsTheName() {
        let bus = EventBus()
        let asked = Atomic<Int>(0)
        bus.subscribe(
            wants: { _ in
                asked.add(1, ordering: .relaxed)
                return true
            }, interested: false
        ) { _ in }
        let built = Atomic<Int>(0)
        func name() -> String {
            built.add(1, ordering: .relaxed)
            return "x.ticket_created"
        }
        // Asked outside `#expect`, which would evaluate the argument itself to show it.
        let before = bus.isObserved(name())
        #expect(!before)
        #expect(asked.load(ordering: .relaxed) == 0)
        #expect(built.load(ordering: .relaxed) == 0)
        bus.changeInterest(by: 1)
        let interested = bus.isObserved(name())
        #expect(interested)
        #expect(built.load(ordering: .relaxed) == 1)
        bus.changeInterest(by: -1)
        let after = bus.isObserved(name())
        #expect(!after)
    }

    @Test func aPlainSubscriberIsInterestedAndItsWantsDecide() {
        let bus = EventBus()
        bus.subscribe(wants: { $0 == "a.created" }) { _ in }
        #expect(bus.isObserved("a.created"))
        #expect(!bus.isObserved("a.closed"))
    }
}
