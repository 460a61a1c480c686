/// A name in the two languages the console offers (`X-Language: zh-cn` or `en-us`).
struct LocalizedName: Sendable, Equatable {
    var zh: String
    var en: String
    func text(_ language: Language) -> String { language == .english ? en : zh }
}

enum Language: Sendable {
    case chinese, english
    /// `X-Language` (default `zh-cn`): anything starting with `en` is English.
    init(header: String?) {
        self = (header?.lowercasedASCII().hasPrefix("en") ?? false) ? .english : .chinese
    }
    var code: String { self == .english ? "en-us" : "zh-cn" }
}

struct ProductCategory: Sendable, Equatable {
    var id: String
    var name: LocalizedName
    var description: LocalizedName
    var acronym: String
    var canUseSupportPlan: Bool
}

/// A case category (`incident_sub_type`), holding product categories.
struct SubType: Sendable, Equatable {
    var id: String
    var name: LocalizedName
    var productCategoryIds: [String]
}

/// A problem type. `caseType` "5" (fault) needs a `region_id`; "0" is a consultation.
struct BusinessType: Sendable, Equatable {
    var id: String
    var name: LocalizedName
    var caseType: String
    var canUseSupportPlan: Bool
    /// The product categories listing it; empty means every one.
    var productCategoryIds: [String]
    /// The severities a case of this type may carry.
    var severityIds: [String]
}

struct Severity: Sendable, Equatable {
    var id: String
    var name: LocalizedName
}

struct DataCenter: Sendable, Equatable {
    var id: String
    var name: LocalizedName
    var type: Int
    var isSensitive: Int
}

struct CaseTemplate: Sendable, Equatable {
    var id: String
    var businessTypeId: String
    var name: LocalizedName
    var content: LocalizedName
}

struct ExtendsParam: Sendable, Equatable {
    var businessTypeId: String
    var key: String
    var name: LocalizedName
    var tips: LocalizedName
    var required: Int
    var length: Int
    /// 0 text, 1 number, 2 select.
    var type: Int
    var selectItems: String
}

struct SatisfactionDimension: Sendable, Equatable {
    var id: Int
    var name: LocalizedName
    var description: LocalizedName
    var value: Int
    var perValue: Int
    var categoryId: String
}

struct AreaCode: Sendable, Equatable {
    var id: Int
    var code: String
    var name: LocalizedName
}

/// Behaviour switches a scenario may set (seed `huawei_osm.settings`).
struct OSMSettings: Sendable, Equatable {
    /// huawei-osm.md §4.3 step 8: require the documented fixed `source_id`.
    var strictSourceId = false
    /// Require `x-phone-verifiedid` / `x-email-verifiedid` to name a verified contact.
    var strictVerification = false
    /// huawei-osm.md §10: `press` cool-down.
    var pressCooldownMs: Int64 = 30 * 60 * 1000
    var ccEmailMaxCount = 10
    var accessoryLimitCount = 5
    /// MB per file.
    var accessoryLimitSize = 10
    var accessoryFileTypes = ".jpg,.png,.txt,.pdf,.docx,.zip"
    var quotaTotal = 100
}

/// Every lookup list the config APIs serve and create_cases checks ids against. Immutable once a
/// partition is made; cases refer to its entries by index.
struct Catalog: Sendable, Equatable {
    static let fixedSourceId = "83aeb0f2834c4df49826c781d32a963e"
    /// `UInt16.max` in a case means "not given".
    static let none = UInt16.max

    var subTypes: [SubType]
    var productCategories: [ProductCategory]
    var businessTypes: [BusinessType]
    var severities: [Severity]
    var dataCenters: [DataCenter]
    var templates: [CaseTemplate]
    var extendsParams: [ExtendsParam]
    var satisfactionDimensions: [SatisfactionDimension]
    var areaCodes: [AreaCode]
    var settings: OSMSettings

    func index(ofSubType id: String) -> UInt16? { subTypes.firstIndex { $0.id == id }.map(UInt16.init) }
    func index(ofProduct id: String) -> UInt16? { productCategories.firstIndex { $0.id == id }.map(UInt16.init) }
    func index(ofBusinessType id: String) -> UInt16? { businessTypes.firstIndex { $0.id == id }.map(UInt16.init) }
    func index(ofSeverity id: String) -> UInt16? { severities.firstIndex { $0.id == id }.map(UInt16.init) }
    func dataCenter(_ id: String) -> DataCenter? { dataCenters.first { $0.id == id } }

    /// The problem types offered for a product category (all of them without one).
    func businessTypes(forProduct productId: String?) -> [BusinessType] {
        guard let productId, !productId.isEmpty else { return businessTypes }
        return businessTypes.filter { $0.productCategoryIds.isEmpty || $0.productCategoryIds.contains(productId) }
    }

    func severities(forBusinessType id: String) -> [Severity] {
        guard let type = businessTypes.first(where: { $0.id == id }) else { return [] }
        return type.severityIds.compactMap { sid in severities.first { $0.id == sid } }
    }

    func subType(containing productId: String) -> SubType? {
        subTypes.first { $0.productCategoryIds.contains(productId) }
    }
}
