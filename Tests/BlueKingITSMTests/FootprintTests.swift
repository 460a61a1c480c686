@testable import BlueKingITSM
import MockCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The store must hold 1 million tickets in under 1.5 GB (issue 3): measures the resident-memory
/// growth per built-in approval ticket over 30 000 creates and extrapolates.
@Suite struct FootprintTests {
    static func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0, resident = 0
        _ = withUnsafeMutablePointer(to: &size) { s in
            withUnsafeMutablePointer(to: &resident) { r in vfscanf_wrapper(file, s, r) }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func perTicketFootprint() throws {
        let h = Harness()
        let body = Harness.builtinBody(callback: "http://127.0.0.1:9000/cb")
        let params = Params(body.objectValue!)
        let backend = h.emulator.backend
        _ = try backend.createTicket(params, user: "admin", namespace: "default")
        let before = Self.residentBytes()
        let count = 30_000
        for _ in 0..<count { _ = try backend.createTicket(params, user: "admin", namespace: "default") }
        let after = Self.residentBytes()
        let perTicket = (after - before) / count
        print("bk_itsm footprint: \(perTicket) bytes per ticket, \(perTicket * 1_000_000 / 1_048_576) MiB per million")
        #expect(perTicket * 1_000_000 < 1_500_000_000)
    }
}

private func vfscanf_wrapper(_ file: UnsafeMutablePointer<FILE>, _ size: UnsafeMutablePointer<Int>, _ resident: UnsafeMutablePointer<Int>) -> Int32 {
    var buffer = [CChar](repeating: 0, count: 128)
    guard fgets(&buffer, 128, file) != nil else { return 0 }
    let parts = String(cString: buffer).split(separator: " ")
    if parts.count > 1 { size.pointee = Int(parts[0]) ?? 0; resident.pointee = Int(parts[1]) ?? 0 }
    return 2
}
