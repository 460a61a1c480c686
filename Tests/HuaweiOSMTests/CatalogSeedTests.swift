import MockCore
import Testing
@testable import HuaweiOSM

/// Seed key `huawei_osm`: lookup entries and switches beside the built-ins.
@Suite struct CatalogSeedTests {
    @Test func validation() {
        #expect(CatalogSeed.validate(["settings": ["strict_source_id": true, "press_cooldown": "10m"]]).isEmpty)
        #expect(CatalogSeed.validate("x") == [FieldError(path: [], message: "must be a mapping")])
        let errors = CatalogSeed.validate([
            "settings": ["strict_source_id": "yes", "nope": 1],
            "problem_types": [["id": "bt-9", "name": "x", "case_type": "3"]],
            "severities": "sev",
            "colors": [],
        ])
        #expect(errors.map(\.path).contains(["settings", "strict_source_id"]))
        #expect(errors.map(\.path).contains(["settings", "nope"]))
        #expect(errors.map(\.path).contains(["problem_types", "[0]", "case_type"]))
        #expect(errors.map(\.path).contains(["severities"]))
        #expect(errors.map(\.path).contains(["colors"]))
    }

    @Test func seededLookupsAreUsedByCreate() throws {
        let h = Harness(seeds: [
            [
                "settings": ["press_cooldown": "1m"],
                "product_categories": [["id": "prod-9", "name": "云容器引擎", "name_en": "Cloud Container Engine", "acronym": "CCE"]],
                "problem_types": [
                    [
                        "id": "bt-9", "name": "集群故障", "case_type": "5", "product_category_ids": ["prod-9"],
                        "severity_ids": ["sev-9"],
                    ]
                ],
                "severities": [["id": "sev-9", "name": "致命"]],
            ]
        ])
        let problems = try h.get("/config/problems?product_category_id=prod-9").json
        #expect(problems["incident_business_type_list"]?[0]?["business_type_id"] == "bt-9")
        let body: JSON = [
            "product_category_id": "prod-9", "business_type_id": "bt-9", "region_id": "cn-north-4",
            "simple_description": "node NotReady", "source_id": "83aeb0f2834c4df49826c781d32a963e", "severity_id": "sev-9",
        ]
        let id = try h.createCase(body)
        #expect(try h.get("/cases/\(id)").json["incident_detail_info"]?["severity_name"] == "致命")
        _ = try h.act(id, "press")
        h.advance(.seconds(61))
        #expect(try h.act(id, "press").json == [:])
        // Built-ins stay.
        #expect(try h.createCase() == "CS20260105000002")
    }
}
