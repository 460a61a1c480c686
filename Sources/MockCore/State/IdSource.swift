import Synchronization

/// Seedable randomness for ids, uuids and probabilistic decisions, one stream per namespace so
/// parallel tests in other namespaces don't disturb a seeded sequence.
public final class IdSource: Sendable {
    private struct Streams {
        var seed: UInt64?
        var generators: [String: SplitMix64] = [:]
    }

    private let streams: Mutex<Streams>

    public init(seed: UInt64? = nil) { streams = Mutex(Streams(seed: seed)) }

    /// Sets the seed (nil: unpredictable) and restarts every stream.
    public func reseed(_ seed: UInt64?) {
        streams.withLock { $0 = Streams(seed: seed) }
    }

    public var seed: UInt64? { streams.withLock { $0.seed } }

    /// Restarts every stream from the current seed.
    public func restart() { streams.withLock { $0.generators = [:] } }

    public func next(_ namespace: String) -> UInt64 { withStream(namespace) { $0.next() } }

    /// Runs `body` on the stream of `namespace` under one lock and one look-up, however many
    /// values it draws (a request id takes two, a ticket uuid two).
    func withStream<T>(_ namespace: String, _ body: (inout SplitMix64) -> T) -> T {
        streams.withLock { state in
            if let stream = state.generators.index(forKey: namespace) { return body(&state.generators.values[stream]) }
            let base = state.seed ?? UInt64.random(in: .min ... .max)
            var generator = SplitMix64(seed: base ^ FNV1a.hash(namespace))
            let value = body(&generator)
            state.generators[namespace] = generator
            return value
        }
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
    public func hex(_ namespace: String, count: Int) -> String {
        withStream(namespace) { generator in
            String(unsafeUninitializedCapacity: count) { buffer in
                var position = 0
                while position < count {
                    let word = generator.next()
                    var shift: UInt64 = 60
                    while position < count {
                        buffer[position] = Self.hexDigit[Int(word >> shift & 0xF)]
                        position += 1
                        if shift == 0 { break }
                        shift -= 4
                    }
                }
                return count
            }
        }
    }

    private static let hexDigit = Array("0123456789abcdef".utf8)

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

/// Steele, Lea and Flood's SplitMix64: small, fast and good enough for test data.
struct SplitMix64: Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
