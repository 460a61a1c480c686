/// An open-addressing index from a ticket key (number or uuid) to the ticket's position in the
/// namespace's ticket array. Every request looks a ticket up and every create writes both
/// indexes: a `Dictionary` hashes each key with seeded SipHash and stores the 16–24-byte key a
/// second time, while these keys are random already (id digits, uuid bits), so a multiply-shift
/// spreads them, and a slot holds only the position (the key is read back from the ticket).
struct TicketIndex: Sendable {
    /// 0 for empty, else the key hash's high half over position + 1. The hash half settles most
    /// mismatches without reading the ticket (a cache miss in a large store).
    private var slots: [UInt64] = []
    /// Filled slots, stale ones included (a deleted ticket's slot stays until the next growth).
    private var used = 0

    /// The position for which `matches` holds, probing from `hash`; nil when none does.
    func find(hash: UInt64, matches: (Int) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var slot = Self.start(hash, mask: mask)
        while true {
            let stored = slots[slot]
            if stored == 0 { return nil }
            if stored >> 32 == tag, matches(Int(stored & 0xFFFF_FFFF) - 1) { return Int(stored & 0xFFFF_FFFF) - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a position whose key is not indexed yet. `hashAt` gives the key hash of a position,
    /// nil for a deleted ticket (dropped when the table grows).
    mutating func insert(_ position: Int, hash: UInt64, hashAt: (Int) -> UInt64?) {
        if (used + 1) * 2 > slots.count { grow(hashAt) }
        place(position, hash: hash)
        used += 1
    }

    private mutating func grow(_ hashAt: (Int) -> UInt64?) {
        let live = slots.compactMap { stored in
            stored == 0 ? nil : hashAt(Int(stored & 0xFFFF_FFFF) - 1).map { (Int(stored & 0xFFFF_FFFF) - 1, $0) }
        }
        var capacity = 16
        while capacity < (live.count + 1) * 4 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        for (position, hash) in live { place(position, hash: hash) }
        used = live.count
    }

    private mutating func place(_ position: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Self.start(hash, mask: mask)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Self.tag(hash) << 32 | UInt64(position + 1)
    }

    /// Fibonacci hashing: the multiply moves every input bit into the high half.
    private static func start(_ hash: UInt64, mask: Int) -> Int {
        let mixed = hash &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32 ^ mixed) & mask
    }

    /// 32 bits of the hash mixed differently from `start`, so keys sharing a slot still differ here.
    private static func tag(_ hash: UInt64) -> UInt64 { (hash &* 0xC2B2_AE3D_27D4_EB4F) >> 32 }
}

extension TicketNumber {
    /// The index hash: every part of the number, combined before mixing.
    var indexHash: UInt64 { suffix &+ stamp &* 10_000_000_019 &+ (kind == .change ? 0 : 1) }
}

extension UUIDValue {
    /// The index hash: both halves (random bits but for the version and variant).
    var indexHash: UInt64 { high ^ low &* 0xFF51_AFD7_ED55_8CCD }
}
