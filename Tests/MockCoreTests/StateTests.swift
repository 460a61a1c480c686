import Synchronization
import Testing
@testable import MockCore

/// A value behind a lock, for tests.
final class Synchronized<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}

@Suite struct IdSourceTests {
    @Test func theSameSeedRepeatsExactly() {
        let a = IdSource(seed: 7), b = IdSource(seed: 7)
        #expect((0..<5).map { _ in a.uuid("default") } == (0..<5).map { _ in b.uuid("default") })
    }

    @Test func namespacesHaveIndependentStreams() {
        let a = IdSource(seed: 7), b = IdSource(seed: 7)
        _ = b.next("other")
        #expect(a.next("default") == b.next("default"))
        #expect(a.next("x") != a.next("y"))
    }

    @Test func restartReplaysTheSequence() {
        let ids = IdSource(seed: 42)
        let first = ids.hex("default", count: 32)
        ids.restart()
        #expect(ids.hex("default", count: 32) == first)
    }

    @Test func reseedRestartsTheDefaultStreamAndTheOthers() {
        let ids = IdSource(seed: 3)
        let first = (ids.next("default"), ids.next("other"))
        _ = (ids.next("default"), ids.next("other"))
        ids.reseed(3)
        #expect((ids.next("default"), ids.next("other")) == first)
        ids.reseed(4)
        #expect(ids.next("default") == IdSource(seed: 4).next("default"))
    }

    /// A kept stream is the namespace's own, before and after a restart or a reseed.
    @Test func aKeptStreamFollowsRestartsAndReseeds() {
        let ids = IdSource(seed: 5), named = IdSource(seed: 5)
        let kept = ids.stream(named: "default#request-id")
        #expect(IdSource.hex(from: kept, count: 32) == named.hex("default#request-id", count: 32))
        ids.restart()
        #expect(IdSource.hex(from: kept, count: 32) == IdSource(seed: 5).hex("default#request-id", count: 32))
        ids.reseed(6)
        let reseeded = IdSource(seed: 6)
        #expect(IdSource.hex(from: kept, count: 32) == reseeded.hex("default#request-id", count: 32))
        #expect(ids.hex("default#request-id", count: 32) == reseeded.hex("default#request-id", count: 32))
    }

    /// The loops draw without a lock: every value is still drawn once, and a uuid's or request
    /// id's draws stay consecutive (the same as one thread drawing alone).
    @Test func drawsFromManyThreadsNeverRepeatAndKeepTheirRuns() async {
        let ids = IdSource(seed: 11)
        let drawn = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 { group.addTask { (0..<2000).map { _ in ids.hex("default", count: 32) } } }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(drawn).count == 8000)
        let alone = IdSource(seed: 11)
        let sequential = Set((0..<8000).map { _ in alone.hex("default", count: 32) })
        #expect(Set(drawn) == sequential)
    }

    @Test func uuidsAreVersion4() {
        let uuid = IdSource().uuid("default")
        let parts = uuid.split(separator: "-").map(\.count)
        #expect(parts == [8, 4, 4, 4, 12])
        #expect(Array(uuid)[14] == "4")
        #expect("89ab".contains(Array(uuid)[19]))
    }

    @Test func unitIsInRange() {
        let ids = IdSource(seed: 1)
        for _ in 0..<1000 { #expect((0..<1).contains(ids.unit("default"))) }
    }
}

@Suite struct StoreTests {
    final class Counter: PartitionState {
        let count = Mutex(0)
    }

    @Test func partitionsAreLazyPerNamespaceAndVendor() {
        let store = Store()
        let made = Synchronized(0)
        let a = store.partition(vendor: "v", namespace: "A") {
            made.value += 1; return Counter()
        }
        let again = store.partition(vendor: "v", namespace: "A") {
            made.value += 1; return Counter()
        }
        let b = store.partition(vendor: "v", namespace: "B") { Counter() }
        #expect(a === again)
        #expect(a !== b)
        #expect(made.value == 1)
        #expect(store.namespaces == ["A", "B"])
        // Keys hash by namespace alone: another vendor in the same namespace is its own partition.
        let other = store.partition(vendor: "w", namespace: "A") { Counter() }
        #expect(other !== a)
        #expect(store.partition(vendor: "w", namespace: "A") { Counter() } === other)
    }

    final class Other: PartitionState {}

    @Test func aPartitionOfAnotherTypeIsMadeAnew() {
        let store = Store()
        let counter = store.partition(vendor: "v", namespace: "A") { Counter() }
        let other = store.partition(vendor: "v", namespace: "A") { Other() }
        #expect(store.partition(vendor: "v", namespace: "A") { Other() } === other)
        #expect(store.partition(vendor: "v", namespace: "A") { Counter() } !== counter)
    }

    @Test func resetDropsEveryPartitionOrOneNamespace() {
        let store = Store()
        let a = store.partition(vendor: "v", namespace: "A") { Counter() }
        _ = store.partition(vendor: "v", namespace: "B") { Counter() }
        store.reset(namespace: "B")
        #expect(store.namespaces == ["A"])
        store.reset()
        #expect(store.namespaces.isEmpty)
        #expect(store.partition(vendor: "v", namespace: "A") { Counter() } !== a)
    }
}

@Suite struct RequestTests {
    @Test func splitsTheRequestTarget() {
        let request = Request(method: "GET", uri: "//api/x%20y/?a=1&b=%E4%B8%AD+c&flag#frag")
        #expect(request.rawPath == "//api/x%20y/")
        #expect(request.path == "//api/x y/")
        #expect(request.rawQuery == "a=1&b=%E4%B8%AD+c&flag")
        #expect(request.queryItems.map(\.value) == ["1", "中 c", ""])
        #expect(request.query("flag") == "")
    }

    @Test func absoluteFormTargets() {
        #expect(Request(method: "GET", uri: "http://h:1/p?q=1").rawPath == "/p")
        #expect(Request(method: "GET", uri: "http://h:1").rawPath == "/")
        #expect(Request(method: "GET", uri: "h/p").rawPath == "/")
    }

    @Test func thePathEndsAtTheFirstQuestionMarkOrHash() {
        #expect(Request(method: "GET", uri: "/").rawPath == "/")
        #expect(Request(method: "GET", uri: "/a#f?x").rawPath == "/a")
        #expect(Request(method: "GET", uri: "/a?b#c").rawPath == "/a")
        #expect(Request(method: "GET", uri: "/?").rawPath == "/")
        #expect(Request(method: "GET", uri: "/v1/工单/%E4%B8%AD?x=工").rawPath == "/v1/工单/%E4%B8%AD")
        #expect(Request(method: "GET", uri: "/v1/工单/%E4%B8%AD?x=工").path == "/v1/工单/中")
        let long = "/" + String(repeating: "segment/", count: 40)
        #expect(Request(method: "GET", uri: long + "?q").rawPath == long)
    }

    @Test func namespaceComesFromTheHeader() {
        #expect(Request(method: "GET", uri: "/").namespace == "default")
        #expect(Request(method: "GET", uri: "/", headers: ["x-mock-namespace": " t1 "]).namespace == "t1")
    }

    @Test func percentEncodingIsRFC3986() {
        #expect(PercentEncoding.encode("a b/~*'()+,;:@!") == "a%20b%2F~%2A%27%28%29%2B%2C%3B%3A%40%21")
        #expect(PercentEncoding.decode("%zz") == nil)
    }
}

@Suite struct HexWordsTests {
    /// Every nibble value in every place, against the standard library's spelling.
    @Test(arguments: [0, 0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, UInt64.max, 0xA0B0_C0D0_E0F0_0A0B] as [UInt64])
    func spellsAsTheStandardLibrary(value: UInt64) {
        var bytes = [UInt8](repeating: 0, count: 18)
        bytes.withUnsafeMutableBytes { HexWords.write(value, to: $0.baseAddress!, at: 1) }
        let expected = String(value, radix: 16)
        #expect(String(decoding: bytes[1..<17], as: UTF8.self) == String(repeating: "0", count: 16 - expected.count) + expected)
        #expect(bytes[0] == 0 && bytes[17] == 0)
    }

    @Test func idsOfAnyLengthAreLowerCaseHex() {
        for count in [1, 15, 16, 17, 32, 33, 96] {
            let text = IdSource(seed: 9).hex("default", count: count)
            #expect(text.count == count)
            #expect(text.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(IdSource(seed: 9).hex("default", count: 17).hasPrefix(IdSource(seed: 9).hex("default", count: 16)))
    }
}
