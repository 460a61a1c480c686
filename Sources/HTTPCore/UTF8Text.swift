extension String {
    /// The text of `bytes` if they are valid UTF-8. `String(validating:as:)` answers the same but is
    /// not specialised: it looks up generic metadata at run time, which costs more than decoding.
    public init?(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        // Decoding replaces invalid sequences, so the text equals the input only if there were none.
        var text = String(decoding: bytes, as: UTF8.self)
        guard text.withUTF8({ $0.count == bytes.count && Self.same($0, bytes) }) else { return nil }
        self = text
    }

    /// Byte equality of two buffers of the same length, eight bytes at a time.
    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let left = a.baseAddress.map(UnsafeRawPointer.init), let right = b.baseAddress.map(UnsafeRawPointer.init) else {
            return a.count == b.count
        }
        var offset = 0
        while offset + 8 <= a.count {
            let x = left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            guard x == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset += 8
        }
        while offset < a.count {
            guard a[offset] == b[offset] else { return false }
            offset += 1
        }
        return true
    }
}
