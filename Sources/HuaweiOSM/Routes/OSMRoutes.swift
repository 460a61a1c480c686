import HuaweiCloud
import MockCore

/// Paths → handlers (huawei-osm.md §3). Every route sits behind the gateway (authentication, APIG
/// errors, `X-Request-Id`); cases are scoped to the caller's account.
struct OSMRoutes {
    let service: OSMService
    let gateway: HuaweiGateway

    typealias Endpoint = @Sendable (Request, HuaweiCaller) throws(OSMError) -> JSON
    /// An endpoint whose answer is written straight to bytes (no tree): it returns the writer.
    typealias WritingEndpoint = @Sendable (Request, HuaweiCaller) throws(OSMError) -> (inout JSONStream) -> Void

    static let base = "/v2/servicerequest"

    /// Adds a gateway-protected route: the endpoint's JSON on success, the business error (HTTP 200) else.
    func add(_ router: inout Router, _ method: String, _ path: String, _ operation: String, _ endpoint: @escaping Endpoint) {
        add(
            &router, method, path, operation,
            writing: { request, caller throws(OSMError) in
                let answer = try endpoint(request, caller)
                return { $0.value(answer) }
            })
    }

    func add(
        _ router: inout Router, _ method: String, _ path: String, _ operation: String,
        writing endpoint: @escaping WritingEndpoint
    ) {
        router.add(
            method, Self.base + path, api: "huawei_osm." + operation,
            gateway.protect { request, caller in
                do throws(OSMError) {
                    let write = try endpoint(request, caller)
                    var out = JSONStream(capacity: 2048)
                    write(&out)
                    return .json(bytes: out.bytes)
                } catch {
                    return error.response
                }
            })
    }

    func register(into router: inout Router) {
        registerCases(into: &router)
        registerCaseRecords(into: &router)
        LookupRoutes(service: service, routes: self).register(into: &router)
        AccessoryRoutes(service: service, routes: self).register(into: &router)
        InstantRoutes(service: service, routes: self).register(into: &router)
        for prefix in ["/v2/servicerequest/{rest...}", "/v2.0/servicerequest/{rest...}", "/osm/{rest...}"] {
            router.add("*", prefix, api: "huawei_osm.not_found", gateway.notFound)
        }
    }

    private func registerCases(into router: inout Router) {
        let service = service
        add(&router, "POST", "/cases", "create_cases") { request, caller throws(OSMError) in
            let created = try service.create(
                body: request.body, headers: request.headers, namespace: caller.namespace, domain: caller.domainId)
            return ["incident_id": .string(created.record.id)]
        }
        add(&router, "GET", "/cases", "list_cases") { request, caller throws(OSMError) in
            try HeaderRules.check(request.headers)
            let filter = try ListQueryRules.filter(request)
            let found = service.list(filter, namespace: caller.namespace, domain: caller.domainId)
            let catalog = service.catalog(caller.namespace), language = Language(header: request.headers["X-Language"])
            return [
                "total_count": JSON(found.total),
                "incident_info_list": .array(found.page.map { CaseViews.listItem($0, catalog: catalog, language: language) }),
            ]
        }
        add(&router, "GET", "/cases/count", "list_case_counts") { request, caller throws(OSMError) in
            var wanted: CaseStatus?
            if let text = request.query("status"), !text.isEmpty {
                guard let code = Int64(text), let status = CaseStatus(code: code) else { throw .invalidParam }
                wanted = status
            }
            let counts = service.counts(namespace: caller.namespace, domain: caller.domainId)
            let statuses = wanted.map { [$0] } ?? CaseStatus.allCases
            return ["incident_status_counts": .array(statuses.map { ["status": JSON($0.code), "count": JSON(counts[$0] ?? 0)] })]
        }
        add(
            &router, "GET", "/cases/{case_id}", "show_case_detail",
            writing: { request, caller throws(OSMError) in
                let detail = try service.renderedDetail(
                    request.caseId, namespace: caller.namespace, domain: caller.domainId,
                    language: Language(header: request.headers["X-Language"]))
                return { out in
                    out.beginObject()
                    out.key("incident_detail_info")
                    out.raw(detail)
                    out.endObject()
                }
            })
        add(&router, "GET", "/cases/{case_id}/status", "show_case_status") { request, caller throws(OSMError) in
            let snapshot = try service.detail(request.caseId, namespace: caller.namespace, domain: caller.domainId)
            return ["status": JSON(snapshot.record.status.code)]
        }
        add(&router, "POST", "/cases/{case_id}/action", "update_cases") { request, caller throws(OSMError) in
            try service.operate(
                request.caseId, action: request.query("action_id"), body: request.body, namespace: caller.namespace,
                domain: caller.domainId)
            return [:]
        }
        add(&router, "POST", "/cases/{case_id}/score", "create_scores") { request, caller throws(OSMError) in
            try service.score(request.caseId, body: request.body, namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        add(&router, "POST", "/cases/{case_id}/message", "create_messages") { request, caller throws(OSMError) in
            try service.addMessage(request.caseId, body: request.body, namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        add(&router, "GET", "/cases/{case_id}/messages", "list_messages") { request, caller throws(OSMError) in
            let page = try ListQueryRules.page(request)
            let snapshot = try service.detail(request.caseId, namespace: caller.namespace, domain: caller.domainId)
            let all = CaseViews.messages(snapshot)
            return ["count": JSON(all.count), "message_list": .array(all.paged(page).map(CaseViews.listMessage))]
        }
        add(&router, "POST", "/cases/{case_id}/instant-messages/{message_id}/withdraw", "revoke_message") {
            request, caller throws(OSMError) in
            try service.withdraw(
                request.caseId, messageId: request.parameters["message_id"] ?? "", namespace: caller.namespace,
                domain: caller.domainId)
            return [:]
        }
        add(&router, "GET", "/cases/{case_id}/operate-logs", "list_case_operate_logs") { request, caller throws(OSMError) in
            let page = try ListQueryRules.page(request)
            let snapshot = try service.detail(request.caseId, namespace: caller.namespace, domain: caller.domainId)
            let logs = CaseViews.logs(snapshot)
            return ["total_count": JSON(logs.count), "incident_operate_log_list": .array(logs.paged(page))]
        }
    }
}

extension Request {
    var caseId: String { parameters["case_id"] ?? "" }
}

extension Array {
    func paged(_ page: (offset: Int, limit: Int)) -> [Element] {
        guard page.offset < count else { return [] }
        return Array(self[page.offset..<Swift.min(count, page.offset + page.limit)])
    }
}
