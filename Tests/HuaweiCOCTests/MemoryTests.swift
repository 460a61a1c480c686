import MockCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import HuaweiCOC

/// The store keeps tickets as compact values: 1 million must fit in 1.5 GB (≤ 1,500 bytes each).
@Suite struct MemoryTests {
    static func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0, resident = 0
        withUnsafeMutablePointer(to: &size) { s in
            withUnsafeMutablePointer(to: &resident) { r in _ = withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) } }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func perTicketFootprint() throws {
        let h = COCHarness()
        let model = COCModel(context: h.context)
        let (fields, subs) = try CreateRules.validate(Bodies.change, kind: .change)
        let count = 30_000
        _ = model.create(kind: .change, fields: fields, subTickets: subs, creator: "TESTAK0123456789ABCD",
                         domainId: "mockdomainid0001", namespace: "memory")
        let before = Self.residentBytes()
        for _ in 0..<count {
            // Fresh strings per ticket, as parsed requests would give.
            let (f, s) = try CreateRules.validate(try JSONParser.parse(Bodies.change.jsonBytes), kind: .change)
            _ = model.create(kind: .change, fields: f, subTickets: s, creator: "TESTAK0123456789ABCD",
                             domainId: "mockdomainid0001", namespace: "memory")
        }
        let perTicket = (Self.residentBytes() - before) / count
        print("huawei_coc change ticket footprint: \(perTicket) bytes per ticket")
        #expect(perTicket < 1_500)
    }
}
