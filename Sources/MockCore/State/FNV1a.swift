/// FNV-1a, 64 bits: a fast, stable hash of text (stable across runs and machines, unlike
/// `Hasher`), for seeds derived from names and for comparing keys cheaply.
public enum FNV1a {
    public static func hash(_ text: String) -> UInt64 {
        // The bytes in place (no copy of the string to make it mutable for `withUTF8`).
        text.utf8.withContiguousStorageIfAvailable(hash) ?? hash(text.utf8)
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
