import MockCore

/// Seed key `huawei_osm` (scenario files): behaviour switches and lookup entries beside the
/// built-ins. An entry with a built-in's id replaces it; others are added.
///
///     huawei_osm:
///       settings: {strict_source_id: true, strict_verification: false, press_cooldown: 10m, quota_total: 50}
///       product_categories: [{id: prod-9, name: 云容器引擎, name_en: Cloud Container Engine, acronym: CCE}]
///       categories: [{id: sub-1, name: 技术支持, product_category_ids: [prod-1, prod-9]}]
///       problem_types: [{id: bt-9, name: 故障, case_type: "5", product_category_ids: [prod-9], severity_ids: [sev-1]}]
///       severities: [{id: sev-9, name: 致命, name_en: Fatal}]
///       regions: [{id: cn-east-3, name: 华东-上海一, name_en: CN East-Shanghai1}]
///       templates: [{id: tpl-9, business_type_id: bt-9, name: …, content: …}]
enum CatalogSeed {
    static let listKeys = ["product_categories", "categories", "problem_types", "severities", "regions", "templates"]
    static let settingKeys: [String: String] = [
        "strict_source_id": "boolean", "strict_verification": "boolean", "press_cooldown": "duration",
        "quota_total": "number", "cc_email_max_count": "number", "accessory_limit_count": "number",
        "accessory_limit_size": "number", "accessory_file_types": "string",
    ]

    static func validate(_ section: JSON) -> [FieldError] {
        guard let object = section.objectValue else { return [FieldError(path: [], message: "must be a mapping")] }
        var errors: [FieldError] = []
        for (key, value) in object {
            if key == "settings" {
                errors += validateSettings(value)
            } else if listKeys.contains(key) {
                guard let items = value.arrayValue else {
                    errors.append(FieldError(path: [key], message: "must be a list"))
                    continue
                }
                for (index, item) in items.enumerated() {
                    let path = [key, "[\(index)]"]
                    guard item.objectValue != nil else {
                        errors.append(FieldError(path: path, message: "must be a mapping")); continue
                    }
                    for field in ["id", "name"] where item[field]?.stringValue?.isEmpty ?? true {
                        errors.append(FieldError(path: path + [field], message: "must be a non-empty string"))
                    }
                    if key == "problem_types", let type = item["case_type"], type != "0", type != "5" {
                        errors.append(
                            FieldError(path: path + ["case_type"], message: "must be \"0\" (consultation) or \"5\" (fault)"))
                    }
                    if key == "templates", item["business_type_id"]?.stringValue == nil {
                        errors.append(FieldError(path: path + ["business_type_id"], message: "must be a string"))
                    }
                }
            } else {
                errors.append(
                    FieldError(
                        path: [key], message: "unknown key; expected settings or one of \(listKeys.joined(separator: ", "))"))
            }
        }
        return errors
    }

    private static func validateSettings(_ value: JSON) -> [FieldError] {
        guard let settings = value.objectValue else { return [FieldError(path: ["settings"], message: "must be a mapping")] }
        var errors: [FieldError] = []
        for (key, item) in settings {
            let path = ["settings", key]
            switch settingKeys[key] {
            case "boolean" where item.boolValue == nil: errors.append(FieldError(path: path, message: "must be true or false"))
            case "number" where (item.intValue ?? -1) < 0:
                errors.append(FieldError(path: path, message: "must be a whole number ≥ 0"))
            case "string" where item.stringValue == nil: errors.append(FieldError(path: path, message: "must be a string"))
            case "duration" where item.stringValue.flatMap(DurationText.parse) == nil:
                errors.append(FieldError(path: path, message: "must be a duration such as 30m"))
            case nil: errors.append(FieldError(path: path, message: "unknown setting"))
            default: break
            }
        }
        return errors
    }

    static func apply(_ sections: [JSON], to base: Catalog) -> Catalog {
        var catalog = base
        for section in sections where validate(section).isEmpty {
            if let settings = section["settings"]?.objectValue { apply(settings: settings, to: &catalog.settings) }
            for item in section["product_categories"]?.arrayValue ?? [] {
                upsert(
                    &catalog.productCategories,
                    ProductCategory(
                        id: text(item, "id"), name: name(item), description: name(item, "description"),
                        acronym: text(item, "acronym"), canUseSupportPlan: item["can_use_support_plan"]?.boolValue ?? true))
            }
            for item in section["categories"]?.arrayValue ?? [] {
                upsert(
                    &catalog.subTypes,
                    SubType(id: text(item, "id"), name: name(item), productCategoryIds: strings(item, "product_category_ids")))
            }
            for item in section["problem_types"]?.arrayValue ?? [] {
                upsert(
                    &catalog.businessTypes,
                    BusinessType(
                        id: text(item, "id"), name: name(item), caseType: item["case_type"]?.stringValue ?? "0",
                        canUseSupportPlan: item["can_use_support_plan"]?.boolValue ?? true,
                        productCategoryIds: strings(item, "product_category_ids"), severityIds: strings(item, "severity_ids")))
            }
            for item in section["severities"]?.arrayValue ?? [] {
                upsert(&catalog.severities, Severity(id: text(item, "id"), name: name(item)))
            }
            for item in section["regions"]?.arrayValue ?? [] {
                upsert(&catalog.dataCenters, DataCenter(id: text(item, "id"), name: name(item), type: 0, isSensitive: 0))
            }
            for item in section["templates"]?.arrayValue ?? [] {
                upsert(
                    &catalog.templates,
                    CaseTemplate(
                        id: text(item, "id"), businessTypeId: text(item, "business_type_id"), name: name(item),
                        content: name(item, "content")))
            }
        }
        return catalog
    }

    private static func apply(settings: JSONObject, to target: inout OSMSettings) {
        if let value = settings["strict_source_id"]?.boolValue { target.strictSourceId = value }
        if let value = settings["strict_verification"]?.boolValue { target.strictVerification = value }
        if let value = settings["press_cooldown"]?.stringValue.flatMap(DurationText.parse) {
            target.pressCooldownMs = value.milliseconds
        }
        if let value = settings["quota_total"]?.intValue { target.quotaTotal = Int(value) }
        if let value = settings["cc_email_max_count"]?.intValue { target.ccEmailMaxCount = Int(value) }
        if let value = settings["accessory_limit_count"]?.intValue { target.accessoryLimitCount = Int(value) }
        if let value = settings["accessory_limit_size"]?.intValue { target.accessoryLimitSize = Int(value) }
        if let value = settings["accessory_file_types"]?.stringValue { target.accessoryFileTypes = value }
    }

    private static func text(_ item: JSON, _ key: String) -> String { item[key]?.stringValue ?? "" }
    private static func strings(_ item: JSON, _ key: String) -> [String] {
        item[key]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
    private static func name(_ item: JSON, _ key: String = "name") -> LocalizedName {
        let zh = text(item, key)
        return LocalizedName(zh: zh, en: item[key + "_en"]?.stringValue ?? zh)
    }

    private static func upsert<T>(_ list: inout [T], _ entry: T) where T: Identified {
        if let index = list.firstIndex(where: { $0.id == entry.id }) { list[index] = entry } else { list.append(entry) }
    }
}

protocol Identified { var id: String { get } }
extension ProductCategory: Identified {}
extension SubType: Identified {}
extension BusinessType: Identified {}
extension Severity: Identified {}
extension DataCenter: Identified {}
extension CaseTemplate: Identified {}
