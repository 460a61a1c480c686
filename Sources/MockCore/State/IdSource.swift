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

    public func next(_ namespace: String) -> UInt64 {
        streams.withLock { state in
            if state.generators[namespace] == nil {
                let base = state.seed ?? UInt64.random(in: .min ... .max)
                state.generators[namespace] = SplitMix64(seed: base ^ Self.fnv1a(namespace))
            }
            return state.generators[namespace]!.next()
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

    public func hex(_ namespace: String, count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        while text.count < count {
            let chunk = String(next(namespace), radix: 16)
            text += String(repeating: "0", count: 16 - chunk.count) + chunk
        }
        return String(text.prefix(count))
    }

    /// A version-4 UUID in lower case.
    public func uuid(_ namespace: String) -> String {
        var hexDigits = Array(hex(namespace, count: 32))
        hexDigits[12] = "4"
        let variant = "89ab"
        hexDigits[16] = variant[variant.index(variant.startIndex, offsetBy: Int(hexDigits[16].hexDigitValue! & 3))]
        let text = String(hexDigits)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(text.dropFirst(range.lowerBound).prefix(range.count))
        }
        return parts.joined(separator: "-")
    }

    public func digits(_ namespace: String, count: Int) -> String {
        String((0..<count).map { _ in Character(String(next(namespace, below: 10))) })
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
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
