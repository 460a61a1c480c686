import HuaweiCloud
import MockCore

/// The configuration lookups (huawei-osm.md §3.2, data §10), in the caller's `X-Language`.
struct LookupRoutes {
    let service: OSMService
    let routes: OSMRoutes

    func register(into router: inout Router) {
        let service = service
        func lookup(
            _ path: String, _ operation: String,
            _ build: @escaping @Sendable (Request, Catalog, Language) throws(OSMError) -> JSON
        ) {
            routes.add(&router, "GET", path, operation) { request, caller throws(OSMError) in
                try HeaderRules.check(request.headers)
                return try build(request, service.catalog(caller.namespace), Language(header: request.headers["X-Language"]))
            }
        }
        lookup("/config/categories", "list_case_categories") { _, catalog, language in
            let list: [JSON] = catalog.subTypes.map { sub in
                let products = sub.productCategoryIds.compactMap { id in catalog.productCategories.first { $0.id == id } }
                return [
                    "incident_sub_type_id": .string(sub.id), "incident_sub_type_name": .string(sub.name.text(language)),
                    "incident_product_category_list": .array(products.map { Self.product($0, language) }),
                ]
            }
            return ["total_count": JSON(list.count), "incident_sub_type_list": .array(list)]
        }
        lookup("/config/product-categories", "list_product_categories") { request, catalog, language in
            var products = catalog.productCategories
            if let name = request.query("product_category_name"), !name.isEmpty {
                products = products.filter { $0.name.zh.contains(name) || $0.name.en.contains(name) || $0.acronym.contains(name) }
            }
            return [
                "total_count": JSON(products.count),
                "incident_product_category_list": .array(products.map { Self.product($0, language) }),
            ]
        }
        lookup("/config/problems", "list_problem_types") { request, catalog, language in
            let types = catalog.businessTypes(forProduct: request.query("product_category_id")).map { type -> JSON in
                [
                    "business_type_id": .string(type.id), "business_type_name": .string(type.name.text(language)),
                    "case_type": .string(type.caseType), "can_use_support_plan": .bool(type.canUseSupportPlan),
                ]
            }
            return ["total_count": JSON(types.count), "incident_business_type_list": .array(types)]
        }
        lookup("/config/severities", "list_severities") { request, catalog, language throws(OSMError) in
            guard let product = request.query("product_category_id"), !product.isEmpty,
                let type = request.query("business_type_id"), !type.isEmpty
            else { throw .invalidParam }
            let offered = catalog.businessTypes(forProduct: product).contains { $0.id == type }
            let list = offered ? catalog.severities(forBusinessType: type) : []
            return [
                "show": .bool(!list.isEmpty),
                "severity_list": .array(
                    list.map {
                        [
                            "language": .string(language.code), "severity_name": .string($0.name.text(language)),
                            "severity_id": .string($0.id),
                        ]
                    }),
            ]
        }
        lookup("/config/regions", "list_regions") { _, catalog, language in
            [
                "total_count": JSON(catalog.dataCenters.count),
                "data_center_list": .array(catalog.dataCenters.map { Self.dataCenter($0, language) }),
            ]
        }
        lookup("/customers/regions", "list_customers_regions") { _, catalog, language in
            [
                "count": JSON(catalog.dataCenters.count),
                "region_infos": .array(
                    catalog.dataCenters.map { ["region_id": .string($0.id), "region_name": .string($0.name.text(language))] }),
            ]
        }
        lookup("/config/templates", "list_case_templates") { request, catalog, language throws(OSMError) in
            guard let type = request.query("business_type_id"), !type.isEmpty else { throw .invalidParam }
            let list: [JSON] = catalog.templates.filter { $0.businessTypeId == type }.map {
                [
                    "incident_template_id": .string($0.id), "incident_template_name": .string($0.name.text(language)),
                    "incident_template_content": .string($0.content.text(language)),
                ]
            }
            return ["total_count": JSON(list.count), "incident_template_list": .array(list)]
        }
        lookup("/config/extends-map", "list_extends_params") { request, catalog, language throws(OSMError) in
            guard let type = request.query("business_type_id"), !type.isEmpty else { throw .invalidParam }
            return [
                "extends_params": .array(
                    catalog.extendsParams.filter { $0.businessTypeId == type }.map { Self.extendsParam($0, language) }),
                "common_params": .array(Self.commonParams(language)),
            ]
        }
        lookup("/config/satisfaction-dimensions", "list_satisfaction_dimensions") { _, catalog, language in
            let list: [JSON] = catalog.satisfactionDimensions.map {
                [
                    "value": JSON($0.value), "satisfaction_id": JSON($0.id), "satisfaction_name": .string($0.name.text(language)),
                    "satisfaction_desc": .string($0.description.text(language)), "per_value": JSON($0.perValue),
                    "sat_category_id": .string($0.categoryId),
                ]
            }
            return ["total_count": JSON(list.count), "satisfaction_dimension_list": .array(list)]
        }
        lookup("/config/area-codes", "list_area_codes") { _, catalog, language in
            [
                "area_code_list": .array(
                    catalog.areaCodes.map {
                        ["id": JSON($0.id), "area_code": .string($0.code), "area_name": .string($0.name.text(language))]
                    })
            ]
        }
        lookup("/config/limits", "list_case_limits") { _, catalog, _ in
            ["config": ["create_case_ccemail_max_count": JSON(catalog.settings.ccEmailMaxCount)]]
        }
        routes.add(&router, "GET", "/quotas", "list_case_quotas") { request, caller throws(OSMError) in
            try HeaderRules.check(request.headers)
            let catalog = service.catalog(caller.namespace)
            guard let type = request.query("business_type_id"), catalog.index(ofBusinessType: type) != nil else {
                throw .invalidParam
            }
            let counts = service.counts(namespace: caller.namespace, domain: caller.domainId)
            let open = CaseStatus.open.union([.paused]).reduce(0) { $0 + (counts[$1] ?? 0) }
            let total = catalog.settings.quotaTotal
            return ["total": JSON(total), "un_used": JSON(max(0, total - open))]
        }
    }

    static func product(_ product: ProductCategory, _ language: Language) -> JSON {
        [
            "incident_product_category_id": .string(product.id),
            "incident_product_category_name": .string(product.name.text(language)),
            "incident_product_category_desc": .string(product.description.text(language)),
            "incident_product_category_acronym": .string(product.acronym),
            "can_use_support_plan": .bool(product.canUseSupportPlan),
        ]
    }

    static func dataCenter(_ center: DataCenter, _ language: Language) -> JSON {
        [
            "type": JSON(center.type), "region_id": .string(center.id), "region_name": .string(center.name.text(language)),
            "is_sensitive": JSON(center.isSensitive),
        ]
    }

    static func extendsParam(_ param: ExtendsParam, _ language: Language) -> JSON {
        [
            "tips": .string(param.tips.text(language)), "required": JSON(param.required), "length": JSON(param.length),
            "language": .string(language.code), "param_key": .string(param.key), "param_name": .string(param.name.text(language)),
            "param_type": JSON(param.type), "param_desc": .string(param.tips.text(language)), "default_value": "",
            "max_value": 0, "min_value": 0, "select_item": .string(param.selectItems), "is_show": 1, "is_sensitive": 0,
        ]
    }

    /// The create form's common fields, as `common_params`.
    static func commonParams(_ language: Language) -> [JSON] {
        let english = language == .english
        return [
            ("remind_mobile", english ? "Mobile number" : "手机号码", 1, 0),
            ("remind_mail", english ? "Email" : "邮箱", 1, 0),
            ("remind_time", english ? "Contact time" : "联系时间", 1, 0),
            ("severity_id", english ? "Severity" : "严重程度", 1, 0),
        ].map { ["param_key": .string($0.0), "param_name": .string($0.1), "is_show": JSON($0.2), "is_required": JSON($0.3)] }
    }
}
