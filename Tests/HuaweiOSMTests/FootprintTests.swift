import MockCore
import Testing
import TestSupport
@testable import HuaweiOSM

#if canImport(Glibc)
    import Glibc
#endif

/// The store's per-case footprint (1 million cases in under 1.5 GB), measured alone in a child
/// process. `OSM_FOOTPRINT=N` changes how many cases it creates (default 30 000).
@Suite struct FootprintTests {
    @Test func perCaseFootprint() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            Footprint.report("huawei_osm case", bytesPerItem: try FootprintTests.measure())
        }
        let measured = Footprint.bytesPerItem(in: result?.standardOutputContent)
        #expect(measured != nil, "the child reported no measurement")
        #expect(
            (measured ?? .max) < Footprint.budgetPerTicket,
            "\(measured ?? -1) bytes per ticket is over the 1.5 GB-per-million budget")
    }

    static func measure() throws -> Int {
        let body: JSON = [
            "incident_sub_type_id": "sub-1", "product_category_id": "prod-1", "business_type_id": "bt-1",
            "region_id": "cn-north-4",
            "simple_description":
                "ECS实例 i-0a1b2c3d 在 2026-11-23 09:40 重启后无法启动，控制台显示“正在启动”超过30分钟，VNC登录黑屏。已尝试强制重启和卸载数据盘，问题依旧。请协助排查。",
            "source_id": "83aeb0f2834c4df49826c781d32a963e", "remind_mobile": "13800000000",
            "remind_mail": "ops-team@example.com", "remind_time": "09:00-18:00", "accessory_ids": [],
            "extends_map": ["instance_id": "i-0a1b2c3d"], "severity_id": "sev-2", "area_code": "86",
        ]
        let count = getenv("OSM_FOOTPRINT").flatMap { Int(String(cString: $0)) } ?? 30_000
        var book = CaseBook()
        let now = Timestamp(iso8601: "2026-11-23T10:00:00Z")!
        let bytes = body.jsonBytes
        return try Footprint.bytesPerItem(count: count) { index in
            var new = try CreateCaseRules.validate(body: bytes, headers: [:], catalog: .builtIn)
            // A distinct heap string per case, allocated at its exact size as the request parser does
            // (`+=` would grow the buffer geometrically and measure the test, not the store).
            new.description = String(decoding: Array(new.description.utf8) + Array(String(index).utf8), as: UTF8.self)
            _ = book.create(new, domain: "domain0123", now: now)
        }
    }
}
