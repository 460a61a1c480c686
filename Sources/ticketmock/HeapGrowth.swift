import CMalloc

/// How far glibc's heap grows past what an allocation needs.
///
/// A store that only grows (every create keeps a ticket) made the default 128 KiB padding grow
/// each loop thread's heap about once every three creates, an `mprotect` call each time under the
/// process's memory-map lock, which the other loop's page faults then waited on. Padding by
/// 64 MiB makes that once per tens of thousands of tickets. Untouched pages are not resident, so
/// the process uses no more memory for it. (Setting it also fixes glibc's mmap threshold at its
/// 128 KiB default: larger blocks, such as a big body, are mapped and unmapped each time.)
enum HeapGrowth {
    static let padding = 64 << 20

    static func pad() {
        #if os(Linux)
            _ = mallopt(M_TOP_PAD, Int32(padding))
        #endif
    }
}
