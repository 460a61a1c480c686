extension IdSource {
    /// The 128 bits of the uuid `uuid(namespace)` would spell, from the same two draws: for
    /// stores that keep uuids as numbers and would otherwise spell one only to parse it back.
    public func uuidBits(_ namespace: String) -> (high: UInt64, low: UInt64) {
        let (first, second) = withStream(namespace, draws: 2) { ($0.next(), $0.next()) }
        // Digit 12 (bits 12–15 of the first word) is the version 4; digit 16 (the top of the
        // second word) the variant, 8…b keeping the drawn digit's two low bits.
        let high = first & ~(0xF << 12) | 0x4 << 12
        let variant = 0x8 | (second >> 60 & 0x3)
        let low = second & ~(0xF << 60) | variant << 60
        return (high, low)
    }
}
