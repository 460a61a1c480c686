import MockCore

/// A create_cases body that passed every rule, with lookup entries resolved to catalog indices.
struct NewCase: Sendable {
    var subType = Catalog.none
    var productCategory = Catalog.none
    var businessType: UInt16 = 0
    var severity = Catalog.none
    var description = ""
    var regionId = ""
    var remindMobile = ""
    var remindMail = ""
    var remindTime = ""
    var areaCode = ""
    var projectId = ""
    var accessoryIds: [String] = []
    var extendsMap: JSONObjectBytes?
    var extensionMap: JSONObjectBytes?
    var phoneVerifiedId: String?
    var emailVerifiedId: String?
}

/// create_cases validation in the order of huawei-osm.md §4.3 (lengths from §4.2 and the vendor
/// excerpt). Authentication (step 1) is the gateway's.
enum CreateCaseRules {
    static func validate(body: [UInt8], headers: Headers, catalog: Catalog) throws(OSMError) -> NewCase {
        // 2. The body is a JSON object.
        let fields = try Fields(body: body)
        // 3. Required fields present and non-empty.
        let businessTypeId = try fields.required("business_type_id", max: 512)
        var new = NewCase()
        new.description = try fields.required("simple_description", max: 1200)
        let sourceId = try fields.required("source_id", max: 32)
        // 4. Types, lengths and the accessory list.
        let subTypeId = try fields.string("incident_sub_type_id", max: 32)
        let productId = try fields.string("product_category_id", max: 64)
        new.regionId = try fields.string("region_id", max: 64)
        new.remindMobile = try fields.string("remind_mobile", max: 32)
        new.remindMail = try fields.string("remind_mail", max: 128)
        new.remindTime = try fields.string("remind_time", max: 16)
        new.projectId = try fields.string("project_id", max: 64)
        new.accessoryIds = try fields.strings("accessory_ids", maxItems: 5, itemMax: 32)
        new.extendsMap = try fields.map("extends_map").map { JSONObjectBytes(bytes: JSON.object($0).jsonBytes) }
        new.extensionMap = try fields.map("extension_map").map { JSONObjectBytes(bytes: JSON.object($0).jsonBytes) }
        let severityId = try fields.string("severity_id", max: 64)
        _ = try fields.string("verify_code", max: 6)
        new.areaCode = try fields.string("area_code", max: 32, coerceNumber: true)
        new.phoneVerifiedId = try HeaderRules.verifiedId(headers, "x-phone-verifiedid")
        new.emailVerifiedId = try HeaderRules.verifiedId(headers, "x-email-verifiedid")
        // 5. Common headers.
        try HeaderRules.check(headers)
        // 6. The problem type (and the category ids given) must be in the configuration; a fault
        //    needs its region.
        guard let typeIndex = catalog.index(ofBusinessType: businessTypeId) else { throw .invalidParam }
        new.businessType = typeIndex
        let type = catalog.businessTypes[Int(typeIndex)]
        if !productId.isEmpty {
            guard let index = catalog.index(ofProduct: productId),
                type.productCategoryIds.isEmpty || type.productCategoryIds.contains(productId)
            else { throw .invalidParam }
            new.productCategory = index
        }
        if !subTypeId.isEmpty {
            guard let index = catalog.index(ofSubType: subTypeId) else { throw .invalidParam }
            if !productId.isEmpty, !catalog.subTypes[Int(index)].productCategoryIds.contains(productId) {
                throw .invalidParam
            }
            new.subType = index
        }
        if type.caseType == "5", new.regionId.isEmpty { throw .invalidParam }
        // 7. The severity must be one of the problem type's.
        if !severityId.isEmpty {
            guard type.severityIds.contains(severityId), let index = catalog.index(ofSeverity: severityId) else {
                throw .severityNotFound
            }
            new.severity = index
        }
        // 8. The fixed source id, when the scenario asks for it.
        if catalog.settings.strictSourceId, sourceId != Catalog.fixedSourceId { throw .invalidParam }
        return new
    }
}
