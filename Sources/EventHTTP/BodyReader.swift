/// Collects a request body as its bytes arrive, fixed-length or chunked (RFC 9112 §7.1). Bytes
/// past `limit` are read and dropped, so an oversized body never sits in memory and the connection
/// stays usable; the request is then flagged too large.
struct BodyReader {
    private enum State {
        case fixed(remaining: Int)
        case chunkSize(digits: Int, size: Int, inExtension: Bool)
        case chunkData(remaining: Int)
        case chunkDataEnd(sawCR: Bool)
        case trailer(lineLength: Int)
        case done
    }

    private var state: State
    private let limit: Int
    private(set) var body: [UInt8] = []
    private(set) var tooLarge = false

    init(framing: BodyFraming, limit: Int) {
        self.limit = limit
        switch framing {
        case .none: state = .done
        case .length(let length): state = .fixed(remaining: length)
        case .chunked: state = .chunkSize(digits: 0, size: 0, inExtension: false)
        }
        if case .length(let length) = framing {
            if length > limit { tooLarge = true } else { body.reserveCapacity(length) }
        }
    }

    /// The body read, leaving this reader's empty (handing it on without a copy).
    mutating func takeBody() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &body)
        return taken
    }

    var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// Takes what it needs from `bytes` and returns how many it took.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) throws(Rejection) -> Int {
        var index = 0
        while index < bytes.count {
            switch state {
            case .done:
                return index
            case .fixed(let remaining):
                let take = min(remaining, bytes.count - index)
                keep(UnsafeBufferPointer(rebasing: bytes[index..<index + take]))
                index += take
                state = remaining == take ? .done : .fixed(remaining: remaining - take)
            case .chunkData(let remaining):
                let take = min(remaining, bytes.count - index)
                keep(UnsafeBufferPointer(rebasing: bytes[index..<index + take]))
                index += take
                state = remaining == take ? .chunkDataEnd(sawCR: false) : .chunkData(remaining: remaining - take)
            case .chunkSize(let digits, let size, let inExtension):
                state = try chunkSize(bytes[index], digits: digits, size: size, inExtension: inExtension)
                index += 1
            case .chunkDataEnd(let sawCR):
                let byte = bytes[index]
                index += 1
                if byte == .carriageReturn, !sawCR {
                    state = .chunkDataEnd(sawCR: true)
                } else if byte == .newline {
                    state = .chunkSize(digits: 0, size: 0, inExtension: false)
                } else {
                    throw Self.malformed
                }
            case .trailer(let lineLength):
                let byte = bytes[index]
                index += 1
                if byte == .newline {
                    state = lineLength == 0 ? .done : .trailer(lineLength: 0)
                } else if byte != .carriageReturn {
                    state = .trailer(lineLength: lineLength + 1)
                }
            }
        }
        if case .fixed(0) = state { state = .done }
        return index
    }

    private func chunkSize(_ byte: UInt8, digits: Int, size: Int, inExtension: Bool) throws(Rejection) -> State {
        if byte == .newline {
            guard digits > 0 else { throw Self.malformed }
            return size == 0 ? .trailer(lineLength: 0) : .chunkData(remaining: size)
        }
        if inExtension || byte == .carriageReturn { return .chunkSize(digits: digits, size: size, inExtension: inExtension) }
        if byte == .semicolon || byte.isBlank { return .chunkSize(digits: digits, size: size, inExtension: true) }
        guard let value = byte.hexDigitValue, digits < 15 else { throw Self.malformed }
        return .chunkSize(digits: digits + 1, size: size << 4 | value, inExtension: false)
    }

    private mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !tooLarge else { return }
        if body.count + bytes.count > limit {
            tooLarge = true
            body = []
        } else {
            body.append(contentsOf: bytes)
        }
    }

    private static let malformed = Rejection(status: 400, message: "The chunked request body is malformed.")
}

extension UInt8 {
    fileprivate var hexDigitValue: Int? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(self - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(self - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(self - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
