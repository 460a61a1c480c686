import MockCore
import Testing
@testable import HuaweiOSM

#if canImport(Glibc)
import Glibc
#endif

/// The store's per-case footprint (the brief: 1 million cases in under 1.5 GB). Run with
/// `OSM_FOOTPRINT=1 swift test --skip-build --filter FootprintTests`; it prints bytes per case.
@Suite struct FootprintTests {
    static func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0, resident = 0
        _ = withUnsafeMutablePointer(to: &size) { s in
            withUnsafeMutablePointer(to: &resident) { r in
                withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) }
            }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test(.enabled(if: getenv("OSM_FOOTPRINT") != nil)) func perCaseFootprint() throws {
        let body: JSON = [
            "incident_sub_type_id": "sub-1", "product_category_id": "prod-1", "business_type_id": "bt-1",
            "region_id": "cn-north-4",
            "simple_description": "ECS实例 i-0a1b2c3d 在 2026-11-23 09:40 重启后无法启动，控制台显示“正在启动”超过30分钟，VNC登录黑屏。已尝试强制重启和卸载数据盘，问题依旧。请协助排查。",
            "source_id": "83aeb0f2834c4df49826c781d32a963e", "remind_mobile": "13800000000",
            "remind_mail": "ops-team@example.com", "remind_time": "09:00-18:00", "accessory_ids": [],
            "extends_map": ["instance_id": "i-0a1b2c3d"], "severity_id": "sev-2", "area_code": "86",
        ]
        let count = Int(String(cString: getenv("OSM_FOOTPRINT"))) ?? 300_000
        var book = CaseBook()
        let now = Timestamp(iso8601: "2026-11-23T10:00:00Z")!
        let before = Self.residentBytes()
        for index in 0..<count {
            var new = try CreateCaseRules.validate(body: body.jsonBytes, headers: [:], catalog: .builtIn)
            new.description += String(index)  // distinct heap strings, as real cases have
            _ = book.create(new, domain: "domain0123", now: now)
        }
        let after = Self.residentBytes()
        let perCase = (after - before) / count
        print("huawei_osm footprint: \(perCase) bytes per case (\(count) cases, \((after - before) >> 20) MiB)")
        #expect(perCase * 1_000_000 < 1_500_000_000)
        #expect(book.cases.count == count)
    }
}
