import MockCore
import Testing
@testable import HuaweiOSM

/// create_cases rules in the order of huawei-osm.md §4.3, limits of §4.2 (vendor excerpt 002).
@Suite struct CreateCaseRulesTests {
    let catalog = Catalog.builtIn

    func check(_ body: JSON, headers: Headers = [:], catalog: Catalog? = nil) -> Result<NewCase, OSMError> {
        Result { () throws(OSMError) in
            try CreateCaseRules.validate(body: body.jsonBytes, headers: headers, catalog: catalog ?? self.catalog)
        }
    }

    func with(_ key: String, _ value: JSON?) -> JSON {
        var body = Harness.observedBody
        body[key] = value
        if value == nil, case .object(var object) = body {
            object[key] = nil
            body = .object(object)
        }
        return body
    }

    func rejects(
        _ body: JSON, _ error: OSMError = .invalidParam, headers: Headers = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if case .failure(let got) = check(body, headers: headers) {
            #expect(got == error, sourceLocation: sourceLocation)
        } else {
            Issue.record("accepted \(body.jsonString)", sourceLocation: sourceLocation)
        }
    }

    @Test func observedRequestPasses() throws {  // §8, §10
        let new = try check(Harness.observedBody).get()
        #expect(catalog.businessTypes[Int(new.businessType)].id == "bt-1")
        #expect(catalog.severities[Int(new.severity)].id == "sev-1")
        #expect(new.accessoryIds == ["acc-1"])
        #expect(new.extendsMap != nil)
    }

    @Test func brokenJSONAndNonObjects() {  // §4.3 step 2
        for raw in ["{", "", "[]", "\"x\"", "12", "{\"business_type_id\":}"] {
            let result = Result { () throws(OSMError) in
                try CreateCaseRules.validate(body: Array(raw.utf8), headers: [:], catalog: catalog)
            }
            #expect(throws: OSMError.invalidParam) { try result.get() }
        }
    }

    @Test func requiredFields() {  // §4.3 step 3
        for key in ["business_type_id", "simple_description", "source_id"] {
            rejects(with(key, nil))
            rejects(with(key, ""))
            rejects(with(key, .null))
        }
    }

    @Test func lengthLimits() {  // §4.2
        let limits: [(String, Int)] = [
            ("incident_sub_type_id", 32), ("product_category_id", 64), ("region_id", 64),
            ("simple_description", 1200), ("source_id", 32), ("remind_mobile", 32), ("remind_mail", 128),
            ("remind_time", 16), ("project_id", 64), ("severity_id", 64), ("verify_code", 6), ("area_code", 32),
        ]
        for (key, max) in limits {
            rejects(with(key, .string(String(repeating: "x", count: max + 1))))
        }
        rejects(with("business_type_id", .string(String(repeating: "x", count: 513))))
        // At the limit is fine (UTF-16 units: 1200 Chinese characters pass).
        #expect((try? check(with("simple_description", .string(String(repeating: "云", count: 1200)))).get()) != nil)
    }

    @Test func accessoryIds() {  // §4.2: items 1–32, 0–5 items
        rejects(with("accessory_ids", JSON(["a", "b", "c", "d", "e", "f"])))
        rejects(with("accessory_ids", JSON([""])))
        rejects(with("accessory_ids", JSON([String(repeating: "a", count: 33)])))
        rejects(with("accessory_ids", "acc-1"))
        rejects(with("accessory_ids", [1]))
        #expect((try? check(with("accessory_ids", JSON(["a", "b", "c", "d", "e"]))).get()) != nil)
    }

    @Test func wrongTypes() {  // §4.2 types
        rejects(with("simple_description", 12))
        rejects(with("business_type_id", true))
        rejects(with("region_id", ["cn-north-4"]))
        rejects(with("extends_map", "k=v"))
        rejects(with("extends_map", ["k"]))
    }

    @Test func vendorExampleQuirksAreTolerated() throws {  // §4.2 quirks
        var body = with("extends_map", [])
        body["extension_map"] = []
        body["area_code"] = 86
        body["remind_mobile"] = .null
        body["project_id"] = .null
        body["verify_code"] = .null
        body["remind_time"] = "9:00-18:00"
        let new = try check(body).get()
        #expect(new.areaCode == "86")
        #expect(new.extendsMap == nil)
    }

    @Test func headers() {  // §4.1, §4.3 step 5
        rejects(Harness.observedBody, headers: ["X-Site": "2"])
        rejects(Harness.observedBody, headers: ["X-Language": String(repeating: "z", count: 33)])
        rejects(Harness.observedBody, headers: ["x-phone-verifiedid": String(repeating: "1", count: 33)])
        rejects(Harness.observedBody, headers: ["x-email-verifiedid": ""])
        #expect(
            (try? check(Harness.observedBody, headers: ["X-Site": "1", "x-phone-verifiedid": "abc"]).get())?.phoneVerifiedId
                == "abc")
    }

    @Test func unknownIds() {  // §4.3 step 6
        rejects(with("business_type_id", "bt-9"))
        rejects(with("business_type_id", "123"))
        rejects(with("product_category_id", "prod-9"))
        rejects(with("incident_sub_type_id", "sub-9"))
        rejects(with("product_category_id", "prod-5"))  // bt-1 is not offered for billing
    }

    @Test func faultNeedsRegion() {  // §4.2 region_id, §4.3 step 6
        rejects(with("region_id", nil))
        rejects(with("region_id", ""))
        var consultation = with("region_id", nil)
        consultation["business_type_id"] = "bt-2"
        #expect((try? check(consultation).get()) != nil)
    }

    @Test func severity() {  // §4.3 step 7
        rejects(with("severity_id", "sev-9"), .severityNotFound)
        rejects(with("severity_id", "sev-3"), .severityNotFound)  // not offered for bt-1
        var consultation = with("severity_id", "sev-2")
        consultation["business_type_id"] = "bt-2"
        rejects(consultation, .severityNotFound)
    }

    @Test func orderOfRules() {  // §4.3: earlier steps win
        var body = with("severity_id", "sev-9")
        body["business_type_id"] = "bt-9"
        rejects(body, .invalidParam)
    }

    @Test func strictSourceId() {  // §4.3 step 8
        var strict = catalog
        strict.settings.strictSourceId = true
        let body = with("source_id", "123")
        #expect((try? check(body).get()) != nil)
        #expect(throws: OSMError.invalidParam) { try check(body, catalog: strict).get() }
        #expect((try? check(Harness.observedBody, catalog: strict).get()) != nil)
    }
}

/// Lengths count UTF-16 units (huawei-osm.md §4.2): the UTF-8 shortcut changes no verdict.
@Suite struct FieldLengthTests {
    @Test func utf16UnitsDecideTheLength() {
        #expect(Fields.fits("abc", max: 3))
        #expect(!Fields.fits("abcd", max: 3))
        #expect(Fields.fits("测试内", max: 3))  // 9 UTF-8 bytes, 3 units
        #expect(!Fields.fits("测试内容", max: 3))
        #expect(Fields.fits("😀", max: 2))  // 4 bytes, 2 units
        #expect(!Fields.fits("😀", max: 1))
    }
}
