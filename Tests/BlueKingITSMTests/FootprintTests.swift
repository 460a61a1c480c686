@testable import BlueKingITSM
import MockCore
import Testing
import TestSupport

/// The store must hold 1 million tickets in under 1.5 GB (issue 3): resident-memory growth per
/// built-in approval ticket over 30 000 creates, measured alone in a child process.
@Suite struct FootprintTests {
    @Test func perTicketFootprint() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            let h = Harness()
            let params = Params(Harness.builtinBody(callback: "http://127.0.0.1:9000/cb").objectValue!)
            let backend = h.emulator.backend
            let perTicket = try Footprint.bytesPerItem(count: 30_000) { _ in
                _ = try backend.createTicket(params, user: "admin", namespace: "default")
            }
            Footprint.report("bk_itsm ticket", bytesPerItem: perTicket)
        }
        let measured = Footprint.bytesPerItem(in: result?.standardOutputContent)
        #expect(measured != nil, "the child reported no measurement")
        #expect(
            (measured ?? .max) < Footprint.budgetPerTicket,
            "\(measured ?? -1) bytes per ticket is over the 1.5 GB-per-million budget")
    }
}
