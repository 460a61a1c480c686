import MockCore
import Testing
@testable import HuaweiOSM

/// The configuration lookups with the preloaded data of huawei-osm.md §10 and the SDK's types (§3.2).
@Suite struct LookupRoutesTests {
    @Test func categories() throws {
        let h = Harness()
        let json = try h.get("/config/categories").json
        #expect(json["incident_sub_type_list"]?[0]?["incident_sub_type_id"] == "sub-1")
        let product = json["incident_sub_type_list"]?[0]?["incident_product_category_list"]?[0]
        #expect(product?["incident_product_category_id"] == "prod-1")
        #expect(product?["incident_product_category_acronym"] == "ECS")
        #expect(product?["can_use_support_plan"] == true)
        let english = try h.get("/config/categories", headers: ["X-Language": "en-us"]).json
        #expect(english["incident_sub_type_list"]?[0]?["incident_sub_type_name"] == "Technical support")
    }

    @Test func productsAndProblems() throws {
        let h = Harness()
        let products = try h.get("/config/product-categories?product_category_name=OBS").json
        #expect(products["total_count"] == 1)
        #expect(products["incident_product_category_list"]?[0]?["incident_product_category_id"] == "prod-2")
        let problems = try h.get("/config/problems?product_category_id=prod-1").json
        let types = problems["incident_business_type_list"]?.arrayValue ?? []
        #expect(
            types.first == [
                "business_type_id": "bt-1", "business_type_name": "故障", "case_type": "5", "can_use_support_plan": true,
            ])
        #expect(types.contains { $0["business_type_id"] == "bt-2" && $0["case_type"] == "0" })
    }

    @Test func severities() throws {
        let h = Harness()
        let json = try h.get("/config/severities?product_category_id=prod-1&business_type_id=bt-1").json
        #expect(json["show"] == true)
        #expect(
            json["severity_list"] == [
                ["language": "zh-cn", "severity_name": "一般", "severity_id": "sev-1"],
                ["language": "zh-cn", "severity_name": "严重", "severity_id": "sev-2"],
            ])
        #expect(try h.get("/config/severities?product_category_id=prod-1").json == Expect.invalidParam)
    }

    @Test func regionsTemplatesExtends() throws {
        let h = Harness()
        let regions = try h.get("/config/regions").json
        #expect(
            regions["data_center_list"]?[0] == ["type": 0, "region_id": "cn-north-4", "region_name": "华北-北京四", "is_sensitive": 0])
        #expect(try h.get("/config/templates?business_type_id=bt-1").json["total_count"] == 2)
        #expect(try h.get("/config/templates").json == Expect.invalidParam)
        let extends = try h.get("/config/extends-map?business_type_id=bt-1").json
        #expect(extends["extends_params"]?[0]?["param_key"] == "instance_id")
        #expect(extends["common_params"]?.arrayValue?.isEmpty == false)
        #expect(try h.get("/customers/regions").json["count"] == 3)
    }

    @Test func satisfactionAreaCodesLimitsQuotas() throws {
        let h = Harness()
        let dims = try h.get("/config/satisfaction-dimensions").json
        #expect(dims["total_count"] == 3)
        #expect(dims["satisfaction_dimension_list"]?[0]?["satisfaction_id"] == 1)
        #expect(dims["satisfaction_dimension_list"]?[0]?["per_value"] == 5)
        #expect(try h.get("/config/area-codes").json["area_code_list"]?[0] == ["id": 1, "area_code": "86", "area_name": "中国大陆"])
        #expect(try h.get("/config/limits").json == ["config": ["create_case_ccemail_max_count": 10]])
        #expect(try h.get("/quotas?business_type_id=bt-1").json == ["total": 100, "un_used": 100])
        _ = try h.createCase()
        #expect(try h.get("/quotas?business_type_id=bt-1").json == ["total": 100, "un_used": 99])
        #expect(try h.get("/quotas").json == Expect.invalidParam)
        #expect(
            try h.get("/accessorys/limits").json == [
                "accessory_limit": ["limit_count": "5", "limit_size": "10", "limit_file_type": ".jpg,.png,.txt,.pdf,.docx,.zip"]
            ])
    }

    @Test func headerChecks() throws {  // §1: X-Site 0/1
        let h = Harness()
        #expect(try h.get("/config/regions", headers: ["X-Site": "3"]).json == Expect.invalidParam)
        #expect(try h.get("/config/regions", headers: ["X-Site": "1"]).json["total_count"] == 3)
    }
}
