import HuaweiCloud
import MockCore

/// Contact info, extension parameters, relations, case labels and label CRUD (huawei-osm.md §3.1).
extension OSMRoutes {
    func registerCaseRecords(into router: inout Router) {
        let service = service
        add(&router, "PUT", "/cases/{case_id}/contact-info", "update_case_contact_info") { request, caller throws(OSMError) in
            try service.updateContact(request.caseId, body: request.body, namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        add(&router, "GET", "/cases/{case_id}/extends-param", "show_case_extends_param") { request, caller throws(OSMError) in
            ["extends_map": try service.extendsParam(request.caseId, namespace: caller.namespace, domain: caller.domainId)]
        }
        add(&router, "POST", "/cases/{case_id}/extends-param", "create_case_extends_param") { request, caller throws(OSMError) in
            try service.mergeExtendsParam(
                request.caseId, body: request.body, namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        add(&router, "GET", "/cases/{case_id}/relations", "list_relation") { request, caller throws(OSMError) in
            [
                "case_relation_list": .array(
                    try service.relations(request.caseId, namespace: caller.namespace, domain: caller.domainId))
            ]
        }
        add(&router, "POST", "/cases/{case_id}/relations", "create_relations") { request, caller throws(OSMError) in
            try service.addRelations(request.caseId, body: request.body, namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        add(&router, "DELETE", "/cases/{case_id}/relations", "delete_relation") { request, caller throws(OSMError) in
            try service.deleteRelation(request.caseId, body: request.body, namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        add(&router, "GET", "/cases/{case_id}/labels", "list_case_labels") { request, caller throws(OSMError) in
            let snapshot = try service.detail(request.caseId, namespace: caller.namespace, domain: caller.domainId)
            return ["case_label_list": .array(snapshot.labels.map(CaseViews.label))]
        }
        for (method, operation, add) in [("POST", "create_case_labels", true), ("DELETE", "delete_case_labels", false)] {
            self.add(&router, method, "/cases/{case_id}/labels", operation) { request, caller throws(OSMError) in
                try service.changeCaseLabels(
                    request.caseId, labelIds: try LabelRules.ids(request), add: add, namespace: caller.namespace,
                    domain: caller.domainId)
                return [:]
            }
        }
        registerLabels(into: &router)
    }

    private func registerLabels(into router: inout Router) {
        let service = service
        add(&router, "GET", "/labels", "list_labels") { request, caller throws(OSMError) in
            let page = try ListQueryRules.page(request)
            var labels = service.labels(namespace: caller.namespace, domain: caller.domainId)
            if let name = request.query("name"), !name.isEmpty { labels = labels.filter { $0.name.contains(name) } }
            if let text = request.query("label_id"), !text.isEmpty {
                guard let id = Int(text) else { throw .invalidParam }
                labels = labels.filter { $0.id == id }
            }
            return ["total_count": JSON(labels.count), "label_list": .array(labels.paged(page).map(CaseViews.label))]
        }
        add(&router, "POST", "/labels", "create_labels") { request, caller throws(OSMError) in
            let fields = try LabelRules.nameAndColor(request.body, requireBoth: true)
            _ = try service.createLabel(
                name: fields.name ?? "", color: fields.color ?? "", namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        add(&router, "PUT", "/labels/{label_id}", "update_labels") { request, caller throws(OSMError) in
            guard let id = Int(request.parameters["label_id"] ?? "") else { throw .invalidParam }
            let fields = try LabelRules.nameAndColor(request.body, requireBoth: false)
            try service.updateLabel(
                id, name: fields.name, color: fields.color, namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        add(&router, "DELETE", "/labels/{label_id}", "delete_labels") { request, caller throws(OSMError) in
            guard let id = Int(request.parameters["label_id"] ?? "") else { throw .invalidParam }
            try service.deleteLabel(id, namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
    }
}
