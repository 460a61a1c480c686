import Synchronization

/// Seedable randomness for ids, uuids and probabilistic decisions, one stream per namespace so
/// parallel tests in other namespaces don't disturb a seeded sequence.
public final class IdSource: Sendable {
    private struct Streams {
        var seed: UInt64?
        var byNamespace: [String: IdStream] = [:]
    }

    private let streams: Mutex<Streams>
    /// The default namespace's stream, reached without the lock or hashing the name: nearly every
    /// request draws a request id from it, and a COC create its ticket number and uuid too.
    private let usual: IdStream

    public init(seed: UInt64? = nil) {
        streams = Mutex(Streams(seed: seed))
        usual = IdStream(start: Self.start(seed, TicketMock.defaultNamespace))
    }

    /// Sets the seed (nil: unpredictable) and restarts every stream.
    public func reseed(_ seed: UInt64?) {
        streams.withLock {
            $0.seed = seed
            Self.restart(&$0, usual: usual)
        }
    }

    public var seed: UInt64? { streams.withLock { $0.seed } }

    /// Restarts every stream from the current seed.
    public func restart() { streams.withLock { Self.restart(&$0, usual: usual) } }

    /// Each stream starts again where a new one would, in place: a stream its user keeps
    /// (`stream(named:)`) stays the namespace's.
    private static func restart(_ state: inout Streams, usual: IdStream) {
        for (name, stream) in state.byNamespace { stream.restart(at: start(state.seed, name)) }
        usual.restart(at: start(state.seed, TicketMock.defaultNamespace))
    }

    /// Where a namespace's stream starts: the seed (or a random one) mixed with the name, so
    /// namespaces draw different sequences.
    private static func start(_ seed: UInt64?, _ namespace: String) -> UInt64 {
        (seed ?? UInt64.random(in: .min ... .max)) ^ FNV1a.hash(namespace)
    }

    /// A namespace's stream, for a user that draws from it on every request (the gateway's request
    /// ids): kept, it needs neither the lock nor the name's hash, and restarts move it in place.
    public func stream(named namespace: String) -> IdStream { stream(namespace) }

    private func stream(_ namespace: String) -> IdStream {
        if namespace == TicketMock.defaultNamespace { return usual }
        return streams.withLock { state in
            if let stream = state.byNamespace[namespace] { return stream }
            let stream = IdStream(start: Self.start(state.seed, namespace))
            state.byNamespace[namespace] = stream
            return stream
        }
    }

    public func next(_ namespace: String) -> UInt64 { stream(namespace).draw(1) { $0.next() } }

    /// `body` given `count` consecutive values of the namespace's stream, however many threads
    /// draw from it at once (a request id takes two, a ticket uuid two).
    func withStream<T>(_ namespace: String, draws count: Int, _ body: (inout SplitMix64) -> T) -> T {
        stream(namespace).draw(count, body)
    }

    /// Uniform in `0..<bound`.
    public func next(_ namespace: String, below bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        return next(namespace) % bound
    }

    /// Uniform in [0, 1).
    public func unit(_ namespace: String) -> Double {
        Double(next(namespace) >> 11) * 0x1.0p-53
    }

    /// Spelled straight into the string's own buffer: one allocation, for the request id every
    /// ESB and Huawei answer carries.
    public func hex(_ namespace: String, count: Int) -> String { Self.hex(from: stream(namespace), count: count) }

    /// `hex(_:count:)` from a kept stream.
    public static func hex(from stream: IdStream, count: Int) -> String {
        stream.draw((count + 15) / 16) { generator in
            String(unsafeUninitializedCapacity: count) { buffer in
                var position = 0
                while position < count {
                    let (first, second) = HexWords.digits(generator.next())
                    withUnsafeBytes(of: (first.littleEndian, second.littleEndian)) { digits in
                        let taken = min(16, count - position)
                        UnsafeMutableRawBufferPointer(
                            rebasing: UnsafeMutableRawBufferPointer(buffer)[position..<position + taken]
                        )
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: digits[..<taken]))
                        position += taken
                    }
                }
                return count
            }
        }
    }

    /// A version-4 UUID in lower case.
    public func uuid(_ namespace: String) -> String {
        var digits = Array(hex(namespace, count: 32).utf8)
        digits[12] = UInt8(ascii: "4")
        let variant = Array("89ab".utf8)
        digits[16] = variant[Int(Self.hexValue(digits[16]) & 3)]
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, digit) in digits.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
            text.append(digit)
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8 {
        digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10
    }

    public func digits(_ namespace: String, count: Int) -> String {
        String(decoding: (0..<count).map { _ in UInt8(ascii: "0") + UInt8(next(namespace, below: 10)) }, as: UTF8.self)
    }
}

/// One namespace's sequence. Its state moves on atomically, a run of draws at a time, so the loop
/// threads draw without a lock and the values of one run stay consecutive.
public final class IdStream: Sendable {
    private let state: Atomic<UInt64>

    init(start: UInt64) { state = Atomic(start) }

    func restart(at start: UInt64) { state.store(start, ordering: .relaxed) }

    /// `body` given a generator holding the next `count` values, which no other draw gets.
    func draw<T>(_ count: Int, _ body: (inout SplitMix64) -> T) -> T {
        let reserved = SplitMix64.increment &* UInt64(count)
        var generator = SplitMix64(seed: state.wrappingAdd(reserved, ordering: .relaxed).oldValue)
        return body(&generator)
    }
}

/// Steele, Lea and Flood's SplitMix64: small, fast and good enough for test data.
struct SplitMix64: Sendable {
    static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= Self.increment
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
