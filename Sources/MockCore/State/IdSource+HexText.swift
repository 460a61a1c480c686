extension IdSource {
    /// Exactly what `hex(namespace, count:)` gives (the same draws, most significant digit
    /// first), spelled straight into the string's own buffer: one allocation instead of four, for
    /// the request id every ESB and Huawei answer carries.
    public func hexText(_ namespace: String, count: Int) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            var position = 0
            while position < count {
                let word = next(namespace)
                var shift: UInt64 = 60
                while position < count {
                    let digit = UInt8(truncatingIfNeeded: word >> shift & 0xF)
                    buffer[position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                    position += 1
                    if shift == 0 { break }
                    shift -= 4
                }
            }
            return count
        }
    }
}
