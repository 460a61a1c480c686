/// An open-addressing index from a record's key to its position in a store's array, for keys
/// that are random or sequential numbers already (ticket ids, uuids, serial numbers). A
/// `Dictionary` hashes each key with seeded SipHash and stores the key a second time; here a
/// multiply spreads the key's hash and a slot holds only the position (the key is read back
/// from the record), 8 bytes where a dictionary entry takes 24 or more.
public struct PositionIndex: Sendable {
    /// 0 for empty, else the spread hash's high half over position + 1. The hash half settles
    /// most mismatches without reading the record (a cache miss in a large store), and it is all
    /// that growing needs: the table is rebuilt from its slots alone, never from the records.
    @usableFromInline var slots: [UInt64] = []
    /// log2 of the slot count.
    @usableFromInline var bits = 0
    @usableFromInline var used = 0

    public init() {}

    /// The position for which `matches` holds, probing from `hash`; nil when none does. A removed
    /// record keeps its slot: `matches` fails for it and the probe goes on.
    @inlinable
    public func find(hash: UInt64, matches: (Int) -> Bool) -> Int? {
        slot(hash: hash, matches: matches).map { Int(slots[$0] & 0xFFFF_FFFF) - 1 }
    }

    /// Adds a position whose key is not indexed yet.
    @inlinable
    public mutating func insert(_ position: Int, hash: UInt64) {
        if (used + 1) * 2 > slots.count { grow() }
        place(Self.tag(hash) << 32 | UInt64(position + 1))
        used += 1
    }

    /// Indexes `position` under a key that may be indexed already: the entry for which `matches`
    /// holds is pointed at `position` (the newest record with a key is the one found), or else
    /// `position` is added as by `insert`.
    @inlinable
    public mutating func upsert(_ position: Int, hash: UInt64, matches: (Int) -> Bool) {
        if let slot = slot(hash: hash, matches: matches) {
            slots[slot] = Self.tag(hash) << 32 | UInt64(position + 1)
        } else {
            insert(position, hash: hash)
        }
    }

    @inlinable
    func slot(hash: UInt64, matches: (Int) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let tag = Self.tag(hash)
        var slot = home(tag)
        while true {
            let stored = slots[slot]
            if stored == 0 { return nil }
            if stored >> 32 == tag, matches(Int(stored & 0xFFFF_FFFF) - 1) { return slot }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Doubles the table (at most half full, so probes stay short), placing each slot again by
    /// its stored tag.
    @usableFromInline
    mutating func grow() {
        let old = slots
        bits = max(4, bits + 1)
        slots = Array(repeating: 0, count: 1 << bits)
        for stored in old where stored != 0 { place(stored) }
    }

    @inlinable
    mutating func place(_ stored: UInt64) {
        var slot = home(stored >> 32)
        while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = stored
    }

    /// The first slot to probe: the tag's top bits (Fibonacci hashing), so a table of any size
    /// up to 2^32 slots finds it from the tag alone.
    @inlinable
    func home(_ tag: UInt64) -> Int { Int(truncatingIfNeeded: tag >> (32 - UInt64(bits))) }

    /// The hash spread by a Fibonacci multiply (every input bit reaches the high half), high half.
    @inlinable
    static func tag(_ hash: UInt64) -> UInt64 { (hash &* 0x9E37_79B9_7F4A_7C15) >> 32 }
}
