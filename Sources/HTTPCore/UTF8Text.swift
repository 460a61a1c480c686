extension String {
    /// The text of `bytes` if they are valid UTF-8. `String(validating:as:)` answers the same but is
    /// not specialised: it looks up generic metadata at run time, which costs more than decoding.
    public init?(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        // Decoding replaces invalid sequences, so the text equals the input only if there were none.
        var text = String(decoding: bytes, as: UTF8.self)
        guard text.withUTF8({ $0.count == bytes.count && $0.elementsEqual(bytes) }) else { return nil }
        self = text
    }
}
