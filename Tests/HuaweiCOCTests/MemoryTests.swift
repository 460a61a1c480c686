import MockCore
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

@testable import HuaweiCOC

/// The store keeps tickets as compact values: 1 million must fit in 1.5 GB (≤ 1,500 bytes each),
/// measured alone in a child process.
@Suite struct MemoryTests {
    @Test func perTicketFootprint() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            let h = COCHarness()
            let model = COCModel(context: h.context)
            let perTicket = try Footprint.bytesPerItem(count: 30_000) { _ in
                // Fresh strings per ticket, as parsed requests would give.
                let body = try JSONTape.parse(Bodies.realisticChange.jsonBytes)
                let fields = try CreateRules.validate(body, kind: .change)
                _ = model.create(
                    kind: .change, fields: fields, creator: "TESTAK0123456789ABCD",
                    domainId: "mockdomainid0001", namespace: "memory")
            }
            Footprint.report("huawei_coc change ticket", bytesPerItem: perTicket)
        }
        let measured = Footprint.bytesPerItem(in: result?.standardOutputContent)
        #expect(measured != nil, "the child reported no measurement")
        #expect(
            (measured ?? .max) < Footprint.budgetPerTicket,
            "\(measured ?? -1) bytes per ticket is over the 1.5 GB-per-million budget")
    }
}
