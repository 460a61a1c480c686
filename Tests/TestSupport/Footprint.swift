#if canImport(Glibc)
    import Glibc
#endif

/// Memory per stored item, for the "1 million tickets in under 1.5 GB" budget. Resident memory is
/// process-wide, so call it inside an exit test (`#expect(processExitsWith:)`): the child process
/// runs nothing else while it measures.
public enum Footprint {
    public static let budgetPerTicket = 1_500

    public static func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, 128, file) != nil else { return 0 }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Resident bytes added per call of `make`, over `count` calls after one warm-up call.
    public static func bytesPerItem(count: Int, _ make: (Int) throws -> Void) rethrows -> Int {
        try make(-1)
        let before = residentBytes()
        for index in 0..<count { try make(index) }
        return (residentBytes() - before) / count
    }

    /// In the child: prints the measurement for `bytesPerItem(in:)` and exits 0.
    public static func report(_ label: String, bytesPerItem: Int) -> Never {
        print("\(label): \(bytesPerItem) bytes each, \((bytesPerItem * 1_000_000) >> 20) MiB per million")
        fflush(nil)  // every stream: the parent reads what the child printed
        exit(0)
    }

    /// In the parent: the bytes per item the child reported, nil when it reported none.
    public static func bytesPerItem(in output: [UInt8]?) -> Int? {
        let text = String(decoding: output ?? [], as: UTF8.self)
        print(text, terminator: "")
        guard let range = text.firstRange(of: ": "), let end = text.firstRange(of: " bytes each") else { return nil }
        return Int(text[range.upperBound..<end.lowerBound])
    }
}
